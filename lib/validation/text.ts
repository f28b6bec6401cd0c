import { z } from "zod";

// One home for the rules every free-text input obeys, on the server and in the browser:
// the length is checked before any pattern (so no pattern ever sees a huge string), and
// control characters are refused with a clear message (PostgreSQL refuses NUL in text, and
// nobody types a control character on purpose).

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

export interface SafeTextOptions {
  /** Longest value accepted (characters); checked before anything else. */
  max: number;
  /** Allow tab and line breaks (message bodies, notes). */
  multiline?: boolean;
  /** The field's name as a person sees it, for the message ("Name is too long…"). */
  label?: string;
}

/**
 * A string schema that refuses over-long values first and control characters second, with
 * messages in words. Both checks abort, so later refinements (patterns) only ever run on short,
 * clean text. Chain `.trim()`, `.regex()`, `.transform()` after it as usual.
 */
export function safeText({ max, multiline = false, label = "This field" }: SafeTextOptions) {
  return z
    .string({ error: `${label} must be text` })
    .max(max, { error: `${label} is too long (at most ${max} characters)`, abort: true })
    .refine((v) => !hasControlCharacters(v, { multiline }), {
      error: `${label} contains a control character (such as NUL); remove it and try again`,
      abort: true,
    });
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
