// Phone numbers. Handset k is a pure function of (seed, k): a country, then digits. Messages
// draw recipients from a finite pool of handsets so that the same people receive several
// messages over the span (needed for replies and for "sent after opt-out" cases).
import { COUNTRIES, type Country } from "./catalog";
import { createRng, hash32, unit, weightedPicker } from "./hash";

export interface Handset {
  country: Country;
  /** International format, digits only, no '+': what MO originators and opt-outs use. */
  international: string;
  /** How it appears as an MT recipient: usually international, sometimes local ("07…"). */
  display: string;
}

const SALT_HANDSET = 0x41;
const SALT_VIRTUAL = 0x42;

const pickCountry = weightedPicker(COUNTRIES.map((c) => [c, c.weight] as const));

function randomDigits(seed: number, count: number): string {
  const rng = createRng(seed);
  let out = "";
  for (let i = 0; i < count; i++) out += String(rng.int(10));
  return out;
}

export function handsetAt(seed: number, k: number): Handset {
  const h = hash32(seed, k, SALT_HANDSET);
  const country = pickCountry(unit(h));
  const rng = createRng(h ^ 0x5bd1e995);
  const national = rng.pick(country.mobileLeads) + randomDigits(rng.u32(), country.rest);
  const international = country.prefix + national;
  // About 3% of contacts were uploaded in local format, with the trunk '0'.
  const local = country.hasTrunkZero && rng.chance(0.03);
  return { country, international, display: local ? `0${national}` : international };
}

/** Pool size: enough people that each receives a handful of messages over the span. */
export function handsetPoolSize(messages: number): number {
  return Math.max(100, Math.floor(messages / 6));
}

/** A handset index, skewed so that some people get many more messages than others. */
export function pickHandsetIndex(u: number, poolSize: number): number {
  return Math.min(poolSize - 1, Math.floor(poolSize * u ** 1.4));
}

/** Two dedicated virtual numbers per country, used as numeric senders and reply targets. */
export function virtualNumbers(seed: number): Map<Country["code"], readonly string[]> {
  const map = new Map<Country["code"], readonly string[]>();
  COUNTRIES.forEach((country, c) => {
    const numbers = [0, 1].map((n) => {
      const lead = country.mobileLeads[n % country.mobileLeads.length] ?? "";
      return (
        country.prefix + lead + randomDigits(hash32(seed, c * 2 + n, SALT_VIRTUAL), country.rest)
      );
    });
    map.set(country.code, numbers);
  });
  return map;
}

/** A handset that never receives messages (opt-outs uploaded from elsewhere). */
export function strangerHandset(seed: number, k: number): Handset {
  return handsetAt(seed ^ 0x7fffffff, k + 1_000_003);
}
