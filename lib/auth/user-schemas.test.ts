import { describe, expect, it } from "vitest";
import { createUserSchema, passwordSchema, resetPasswordSchema } from "./user-schemas";

const valid = {
  email: " new.person@example.com ",
  name: " New Person ",
  role: "support",
  password: "a long enough password",
};

const messages = (r: { error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message);

describe("user account text", () => {
  it("accepts a normal account and trims the email and name", () => {
    expect(createUserSchema.parse(valid)).toEqual({
      ...valid,
      email: "new.person@example.com",
      name: "New Person",
    });
  });

  it.each([
    ["name", "New\u0000Person", "The name contains a control character"],
    ["email", "new\u0000@example.com", "The email address contains a control character"],
    ["email", "new@example.com\u001b", "The email address contains a control character"],
    ["password", "a long enough\u0000password", "The password contains a control character"],
    ["password", "a long enough\tpassword", "The password contains a control character"],
  ])("refuses a control character in the %s in words (%j)", (field, value, message) => {
    const r = createUserSchema.safeParse({ ...valid, [field]: value });
    expect(r.success).toBe(false);
    // Only that message: the email pattern never sees the value.
    expect(messages(r)).toHaveLength(1);
    expect(messages(r)?.[0]).toContain(message);
    expect(messages(r)?.[0]).toMatch(/such as NUL.*remove it/);
  });

  it("refuses over-long values by their length before any other check", () => {
    expect(messages(createUserSchema.safeParse({ ...valid, name: "n".repeat(201) }))).toEqual([
      "The name is too long (at most 200 characters)",
    ]);
    const longEmail = `${"e".repeat(100_000)}@example.com\u0000`;
    expect(messages(createUserSchema.safeParse({ ...valid, email: longEmail }))).toEqual([
      "The email address is too long (at most 320 characters)",
    ]);
    expect(messages(passwordSchema.safeParse("p".repeat(257)))).toEqual([
      "The password is too long (at most 256 characters)",
    ]);
  });

  it("keeps the password rules for a reset", () => {
    const userId = "0b9d3c4e-5f60-4a1b-8c2d-3e4f5a6b7c8d";
    expect(
      resetPasswordSchema.safeParse({ userId, password: "short" }).error?.issues[0]?.message,
    ).toBe("The password needs at least 12 characters.");
    expect(
      resetPasswordSchema.safeParse({ userId, password: "0123456789ab\u0000" }).error?.issues[0]
        ?.message,
    ).toMatch(/control character/);
    expect(resetPasswordSchema.safeParse({ userId, password: "0123456789ab" }).success).toBe(true);
  });
});
