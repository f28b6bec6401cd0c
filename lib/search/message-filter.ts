import { z } from "zod";
import type { Message } from "@/lib/mobivate/types";

// Filters that need the whole range (the API can only page by time and direction). Shared by
// the Messages search action and the CSV export so the download matches the screen.

export const messageSearchSchema = z.object({
  number: z
    .string()
    .trim()
    .max(32, "number is too long")
    .regex(/^[+\d\s()-]*[\dA-Za-z][\w\s()+-]*$|^$/, "number must be a phone number or sender name")
    .optional()
    .transform((v) => v || undefined),
  status: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Z_]{2,40}$/, "status must be an upper-case status code"),
    )
    .max(40)
    .optional()
    .transform((v) => (v && v.length ? [...new Set(v)] : undefined)),
  q: z
    .string()
    .max(200, "text search is too long")
    .optional()
    .transform((v) => (v && v.trim() ? v : undefined)),
  campaign: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  route: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});

export type MessageSearch = z.infer<typeof messageSearchSchema>;

export function hasSearch(s: MessageSearch): boolean {
  return Boolean(s.number || s.status || s.q || s.campaign || s.route);
}

/** Significant digits of a phone number: no `+`, spaces or trunk/IDD leading zeros. */
export function numberDigits(value: string): string {
  return value.replace(/\D/g, "").replace(/^0+/, "");
}

/**
 * Numbers match when they are the same digits with or without `+`, and a number typed
 * without its country code (or with a national trunk 0) matches the full international one:
 * "+44 7700 900123", "447700900123" and "07700900123" all find 447700900123.
 * Letters (an alphanumeric sender such as "Brand") match case-insensitively.
 */
export function numberMatches(candidate: string, typed: string): boolean {
  if (/[A-Za-z]/.test(typed)) return candidate.toLowerCase().includes(typed.trim().toLowerCase());
  const want = numberDigits(typed);
  if (!want) return false;
  const have = numberDigits(candidate);
  return have.length > 0 && have.endsWith(want);
}

/** A predicate for one search; built once, applied to every record of the range. */
export function messagePredicate(s: MessageSearch): (m: Message) => boolean {
  const statuses = s.status ? new Set(s.status) : null;
  const text = s.q?.toLocaleLowerCase();
  const campaign = s.campaign?.toLowerCase();
  const route = s.route?.toLowerCase();
  return (m) =>
    (!s.number || numberMatches(m.recipient, s.number) || numberMatches(m.originator, s.number)) &&
    (!statuses || statuses.has(m.status)) &&
    (!text || m.body.toLocaleLowerCase().includes(text)) &&
    (!campaign || (m.campaignId ?? "").toLowerCase().includes(campaign)) &&
    (!route || (m.routeId ?? "").toLowerCase().includes(route));
}

/** Reads search params (repeatable `status`) into the schema's input shape. */
export function searchInputFrom(
  get: (k: string) => string | null,
  getAll: (k: string) => string[],
) {
  return {
    number: get("number") ?? undefined,
    status: getAll("status")
      .flatMap((s) => s.split(","))
      .filter(Boolean),
    q: get("q") ?? undefined,
    campaign: get("campaign") ?? undefined,
    route: get("route") ?? undefined,
  };
}
