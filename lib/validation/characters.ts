// The character rules of lib/validation/text.ts without zod: the browser quotes and checks
// text on every filtered page (lib/time/calendar.ts), and zod is not in those pages' first load.

// \p{Cc} is exactly the C0 controls (U+0000–U+001F), DEL and the C1 controls (U+007F–U+009F);
// by name rather than as code-point ranges, which lint's no-control-regex takes for mistakes.
/** Control characters except tab, line feed and carriage return: for multi-line fields. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
/** Every control character, tab and line breaks included: for one-line fields. */
const CONTROL_ONE_LINE = /\p{Cc}/u;

/** True when `value` holds a character no person types (NUL, escape, other controls). */
export function hasControlCharacters(
  value: string,
  options: { multiline?: boolean } = {},
): boolean {
  return (options.multiline ? CONTROL : CONTROL_ONE_LINE).test(value);
}

/**
 * A value quoted for a message shown to a person: JSON-quoted, cut to `max` characters, and
 * with every invisible character (controls, DEL, bidi and other format characters) written as
 * a `\uXXXX` escape, so an error never carries what it refuses.
 */
export function quoteInput(value: unknown, max = 40): string {
  const text = typeof value === "string" ? value : String(value);
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(
    /[\p{Cc}\p{Cf}\u2028\u2029]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`,
  );
}
