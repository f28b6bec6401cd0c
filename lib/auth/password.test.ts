import { describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { hashSessionToken, newSessionToken } from "./tokens";
import { SESSION_TOKEN_PATTERN } from "./session-cookie";

describe("passwords", () => {
  it("hashes with scrypt and a random salt, and verifies", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
  });

  it("rejects malformed hashes and over-long passwords without throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
    expect(await verifyPassword("x", "scrypt$0$8$1$AAAA$")).toBe(false);
    const h = await hashPassword("a".repeat(256));
    expect(await verifyPassword("a".repeat(257), h)).toBe(false);
    await expect(hashPassword("a".repeat(257))).rejects.toThrow(RangeError);
  });

  it("treats Unicode forms of one password alike", async () => {
    const h = await hashPassword("pa\u0301ssword-long");
    expect(await verifyPassword("p\u00e1ssword-long", h)).toBe(true);
  });

  it("spends real work on an unknown account", async () => {
    const t0 = performance.now();
    expect(await burnPasswordCheck("whatever")).toBe(false);
    expect(performance.now() - t0).toBeGreaterThan(5);
  });
});

describe("session tokens", () => {
  it("are 32 random bytes; only a SHA-256 is stored", () => {
    const t = newSessionToken();
    expect(t).toMatch(SESSION_TOKEN_PATTERN);
    expect(Buffer.from(t, "base64url")).toHaveLength(32);
    expect(newSessionToken()).not.toBe(t);
    expect(hashSessionToken(t)).toMatch(/^[0-9a-f]{64}$/);
  });
});
