// Phone numbers: every rule for reading, comparing and writing them, in one place. Plain
// string work with no dependencies, so the browser may import it (the message search schema
// and the opt-out form run there); reading a national number needs libphonenumber's metadata
// and lives apart, on the server only (./normalise).
// Numbers are compared as digit strings: the API stores "447700900123" while people type
// "+44 7700 900123", and both must mean the same number.

/** Characters people use to group digits; they carry no meaning and are dropped. */
const SEPARATORS = /[\s\-().]/g;

/** E.164: a full international number has at most 15 digits. */
export const MAX_MOBILE_DIGITS = 15;
/**
 * The shortest international numbers in use (country code + subscriber) have 7 digits.
 * Anything shorter is certainly a typo; beyond that the API decides (it may refuse with
 * its own message, which the form shows).
 */
export const MIN_MOBILE_DIGITS = 7;

/** Drops grouping characters and surrounding space: "+44 (0) 7700-900" → "+4407700900". */
export function compactNumber(input: string): string {
  return input.trim().replace(SEPARATORS, "");
}

/** Only the digits of a number as written ("+44 7700" → "447700"); "" when there are none. */
export function phoneDigits(input: string): string {
  return input.replace(/\D/g, "");
}

/**
 * The key two numbers are compared by (opt-out matching, "already opted out"): the same
 * digits with or without "+" or spaces. Leading zeros are kept, so a national "07700…" is
 * NOT the international "447700…": the country is not known here. "" for no digits.
 */
export const phoneKey = phoneDigits;

/**
 * isNationalFormat's rule on a key, written so PostgreSQL reads it the same way: the local
 * copy's partial index (lib/db/schema.ts) and Compliance's count of it use this text.
 */
export const NATIONAL_KEY_PATTERN = "^0[0-9]{5,}$";
// [0-9], not \d: the same text must mean ASCII digits to PostgreSQL too.
// eslint-disable-next-line regexp/prefer-d
const NATIONAL_KEY = new RegExp(NATIONAL_KEY_PATTERN);

/** A number written in national format (trunk 0), which cannot be compared reliably. */
export function isNationalFormat(value: string): boolean {
  return NATIONAL_KEY.test(phoneKey(value));
}

/**
 * A typed number matches when it is the end of the candidate's significant digits (no
 * trunk or dial-out zeros): "+44 7700 900123", "447700900123", "07700900123" and
 * "7700900123" all find 447700900123, but a part from the middle ("4477") finds nothing.
 */
export function numberEndMatches(candidate: string, typed: string): boolean {
  const want = significantDigits(typed);
  if (!want) return false;
  const have = significantDigits(candidate);
  return have.length > 0 && have.endsWith(want);
}

function significantDigits(value: string): string {
  return phoneDigits(value).replace(/^0+/, "");
}

/**
 * Partial search (opt-out list): any run of digits of the number matches, with or without
 * "+" or spaces on either side ("7700" finds "447700900123"). No digits match nothing.
 */
export function digitsContain(number: string, queryDigits: string): boolean {
  if (queryDigits === "") return false;
  return phoneDigits(number).includes(queryDigits);
}

/**
 * Looks like a phone number written by a machine ("+447700900123", "0044 7700"): a CSV
 * phone column writes such a value exactly; anything else in it is treated as free text.
 */
export function isPhoneLike(value: string): boolean {
  return /^\+?\d[\d ]*$/.test(value);
}

/** "+" and digits only: a spreadsheet reads it as a number, never as a formula. */
export function isPlusDigits(value: string): boolean {
  return /^\+\d+$/.test(value);
}
