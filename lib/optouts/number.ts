// Phone-number handling shared by the browser (form, search box) and the server (actions).
// Numbers are compared as digit strings: the API stores "4400111222" while people type
// "+44 0011 1222", and both must mean the same number.

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
export function numberDigits(input: string): string {
  return input.replace(/\D/g, "");
}

/**
 * Whether an opt-out's mobile matches a search. Both sides are reduced to digits, so a
 * leading "+" (or spaces) on either side does not matter, and any run of digits matches
 * (partial search: "7700" finds "447700900123"). A query without digits matches nothing.
 */
export function mobileMatches(mobile: string, queryDigits: string): boolean {
  if (queryDigits === "") return false;
  return numberDigits(mobile).includes(queryDigits);
}
