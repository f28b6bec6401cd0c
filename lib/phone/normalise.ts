import "server-only";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { phoneDigits } from "./number";

// The authoritative form of a number typed into the opt-out form, decided on the server (the
// browser only checks the characters, so libphonenumber's metadata never reaches it:
// "server-only" makes a client import fail the build).
// The stored number must be one that matching can use: international digits without "+",
// as the API lists them and phoneKey (./number) compares them. A national number
// ("0412 345 678") names no country, so it would protect nobody: it is converted with the
// configured default country (DASHBOARD_DEFAULT_COUNTRY), or refused with the reason.

export type NormalisedMobile =
  { ok: true; mobile: string; from: "international" | "national" } | { ok: false; reason: string };

const EXAMPLE = "e.g. +61 412 345 678 or +44 7700 900123";

/**
 * `compact` is what mobileInputSchema returns: an optional "+" and digits. Rules:
 * "+" then digits: international. Digits starting with 0 (a trunk or dial-out prefix):
 * national, read in `defaultCountry`. Other digits: international without the "+", as the
 * API itself writes numbers (e.g. "447700900123").
 */
export function normaliseMobile(compact: string, defaultCountry?: CountryCode): NormalisedMobile {
  const digits = phoneDigits(compact);
  if (compact.startsWith("+")) {
    if (digits.startsWith("0")) {
      return {
        ok: false,
        reason: `A country code never starts with 0: type the number as + country code and number (${EXAMPLE}).`,
      };
    }
    return { ok: true, mobile: digits, from: "international" };
  }
  if (!digits.startsWith("0")) return { ok: true, mobile: digits, from: "international" };
  if (!defaultCountry) {
    return {
      ok: false,
      reason: `${compact} is in national format (it starts with 0), so its country is unknown and it could never be matched to messages. Type it with its country code (${EXAMPLE}).`,
    };
  }
  const phone = parsePhoneNumberFromString(compact, defaultCountry);
  if (!phone || !phone.isPossible()) {
    return {
      ok: false,
      reason: `${compact} is not a possible ${defaultCountry} number. Check it, or type it with its country code (${EXAMPLE}).`,
    };
  }
  return { ok: true, mobile: phoneDigits(phone.number), from: "national" };
}
