import { describe, expect, it } from "vitest";
import { apiKeySchema } from "./schemas";

describe("the API key field", () => {
  it("takes a key as Mobivate gives it", () => {
    expect(apiKeySchema.parse(" 5a4c0ffe-0000-4000-8000-5a4db0c5e001 ")).toBe(
      "5a4c0ffe-0000-4000-8000-5a4db0c5e001",
    );
  });

  it("refuses what an HTTP header cannot carry, in words", () => {
    for (const key of ["clé-secrète-123", "ключ-ключ-ключ", "key-🔑-12345678"]) {
      const r = apiKeySchema.safeParse(key);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/letters, digits and punctuation/);
    }
  });
});
