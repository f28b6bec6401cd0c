// Whether an error message is a sentence a person can act on, rather than a dump of what the
// code saw (zod's JSON, a stack trace, "undefined", the whole 100 kB input echoed back).

/** Longest message (after the person's own input is taken out) that still reads as one. */
export const MAX_MESSAGE_CHARS = 300;
/** Longest message with the input left in: echoing a 100 kB value back is not an answer. */
export const MAX_RAW_MESSAGE_CHARS = 1_000;

// Control characters are what this looks for (tab, LF and CR are allowed).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\v\f\u000e-\u001f\u007f]/;
const JSON_DUMP = /^\s*[[{]|"(?:code|path|message|issues|expected|received)"\s*:/;
const STACK = /\bat Object\.|\n[ \t]*at |\bat [\w$.<>]+ \([^)]*:\d+:\d+\)|\.(?:ts|js|mjs):\d+:\d+/;
const DEV_WORDS =
  /ZodError|\bundefined\b|\bNaN\b|\[object \w+\]|\bInfinity\b|TypeError|RangeError|Invariant/;

/** Strings the person sent, each as it may appear in the message (raw or JSON-quoted). */
function withoutEchoes(message: string, echoes: readonly unknown[]): string {
  let m = message;
  const texts = echoes
    .filter((e): e is string => typeof e === "string" && e.length > 0)
    .flatMap((e) => [JSON.stringify(e), e, e.trim()])
    .filter((e) => e.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const t of texts) m = m.split(t).join("…");
  return m;
}

/**
 * Why `message` is not a human message, or null when it is one. `echoes` are the values the
 * person sent: quoting them back ("Not/AZone is not a known time zone") is fine even when
 * they contain braces or the word "undefined".
 */
export function humanMessageProblem(
  message: unknown,
  echoes: readonly unknown[] = [],
  /** A panel (heading, message, advice) may be longer than one sentence. */
  maxChars = MAX_MESSAGE_CHARS,
): string | null {
  if (typeof message !== "string") return `not text but ${typeof message}`;
  if (!message.trim()) return "empty";
  if (message.length > Math.max(MAX_RAW_MESSAGE_CHARS, 2 * maxChars)) {
    return `${message.length} characters long (the input echoed back?)`;
  }
  const own = withoutEchoes(message, echoes);
  if (own.length > maxChars) return `${own.length} characters long`;
  const control = CONTROL.exec(message);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase();
    return `contains a raw control character (U+${code} at ${control.index})`;
  }
  if (JSON_DUMP.test(own)) return "looks like a JSON dump";
  if (STACK.test(own)) return "contains a stack trace";
  const dev = DEV_WORDS.exec(own);
  if (dev) return `contains "${dev[0]}"`;
  if (!/\p{L}{2,}/u.test(own)) return "has no words";
  return null;
}

/** Every string inside a value (the input of an action, a query's values). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const v of Object.values(value)) stringsIn(v, out);
  }
  return out;
}
