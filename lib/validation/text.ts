import { z } from "zod";
import { hasControlCharacters } from "./characters";

export { hasControlCharacters, quoteInput } from "./characters";

// One home for the rules every free-text input obeys, on the server and in the browser:
// the length is checked before any pattern (so no pattern ever sees a huge string), and
// control characters are refused with a clear message (PostgreSQL refuses NUL in text, and
// nobody types a control character on purpose).

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
