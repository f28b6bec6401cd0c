import { describe, expect, it } from "vitest";
import { isMessageIdShape } from "./id";

describe("isMessageIdShape", () => {
  it("accepts Mobivate's 32 hex digits in either case, with spaces around", () => {
    expect(isMessageIdShape("9A0C23DD0A000A9D2FBD4671D780AFDA")).toBe(true);
    expect(isMessageIdShape(" 9a0c23dd0a000a9d2fbd4671d780afda ")).toBe(true);
  });

  it("refuses what cannot be an id", () => {
    for (const bad of ["", "not-an-id", "not an id!", "1234567", "a".repeat(65), "../admin"]) {
      expect(isMessageIdShape(bad), bad).toBe(false);
    }
  });
});
