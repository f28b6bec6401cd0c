import { describe, expect, it } from "vitest";
import { decryptSecret, DecryptError, encryptSecret, maskSecret } from "./crypto";

const SECRET = "0123456789abcdef0123456789abcdef";

describe("secret encryption (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = encryptSecret("my-api-key-1234", SECRET, "k");
    const b = encryptSecret("my-api-key-1234", SECRET, "k");
    expect(a).toMatch(/^v1:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("my-api-key");
    expect(decryptSecret(a, SECRET, "k")).toBe("my-api-key-1234");
  });

  it("refuses another secret, another purpose, or a tampered value", () => {
    const c = encryptSecret("my-api-key-1234", SECRET, "k");
    expect(() => decryptSecret(c, `${SECRET}x`, "k")).toThrow(DecryptError);
    expect(() => decryptSecret(c, SECRET, "other")).toThrow(DecryptError);
    const raw = Buffer.from(c.slice(3), "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => decryptSecret(`v1:${raw.toString("base64")}`, SECRET, "k")).toThrow(DecryptError);
    expect(() => decryptSecret("v2:AAAA", SECRET, "k")).toThrow(DecryptError);
  });

  it("masks to the last 4 characters", () => {
    expect(maskSecret("abcdefgh-1234")).toBe("••••1234");
  });
});

describe("log-safe error text", () => {
  it("drops a failed query's parameters, keeps the statement and the cause", async () => {
    const { safeErrorText } = await import("@/lib/db/safe-error");
    const err = new Error(
      'Failed query: insert into "users" values ($1, $2)\nparams: a@b.c,scrypt$32768$secret',
      {
        cause: new Error('duplicate key value violates unique constraint "users_email_key"'),
      },
    );
    const text = safeErrorText(err);
    expect(text).toContain('insert into "users"');
    expect(text).toContain("duplicate key");
    expect(text).not.toContain("scrypt$");
    expect(text).not.toContain("a@b.c");
  });
});
