import { describe, expect, it } from "vitest";
import { hasControlCharacters, quoteInput, safeText } from "./text";

describe("safeText", () => {
  const name = safeText({ max: 10, label: "Name" }).regex(/^[a-z]*$/, "letters only");

  it("accepts plain text within the limit", () => {
    expect(name.parse("abc")).toBe("abc");
  });

  it("refuses over-long text before any pattern runs", () => {
    const r = name.safeParse("x".repeat(11) + "!");
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      "Name is too long (at most 10 characters)",
    ]);
  });

  it("refuses NUL and other control characters in words", () => {
    for (const bad of ["a\u0000b", "\u001b[31m", "a\u007fb", "a\u0085"]) {
      const r = name.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues).toHaveLength(1);
      expect(r.error?.issues[0]?.message).toMatch(/control character/);
    }
  });

  it("keeps tabs and line breaks only where multi-line text is allowed", () => {
    expect(hasControlCharacters("a\nb")).toBe(true);
    expect(hasControlCharacters("a\nb\tc\r", { multiline: true })).toBe(false);
    expect(safeText({ max: 20, multiline: true }).parse("line 1\nline 2")).toBe("line 1\nline 2");
  });

  it("refuses non-strings with a message", () => {
    expect(name.safeParse(42).error?.issues[0]?.message).toBe("Name must be text");
  });
});

describe("quoteInput", () => {
  it("quotes, cuts, and writes invisible characters as escapes", () => {
    expect(quoteInput("2026-01-01")).toBe('"2026-01-01"');
    expect(quoteInput("\u007f")).toBe('"\\u007f"');
    expect(quoteInput("a\u0085b\u202ec")).toBe('"a\\u0085b\\u202ec"');
    expect(quoteInput("x".repeat(100), 5)).toBe('"xxxxx…"');
    expect(hasControlCharacters(quoteInput("\u0000\u001b\u007f\u009f"))).toBe(false);
  });
});
