import { z } from "zod";
import type { Message } from "@/lib/mobivate/types";
import { numberEndMatches } from "@/lib/phone/number";
import { safeText } from "@/lib/validation/text";

// Filters that need the whole range (the API can only page by time and direction). Shared by
// the Messages search action and the CSV export so the download matches the screen.

// What a number search may hold: digits, letters (alphanumeric senders), spaces and the
// punctuation people type in phone numbers. Before the first letter or digit only spaces and
// punctuation: the two parts share no character, so the pattern is linear (issue 8: the old
// one backtracked quadratically on long runs of digits).
const NUMBER_PATTERN = /^[\s()+-]*[\da-z][\w\s()+-]*$/i;

// Every field goes through safeText: its length is checked first and refusal stops there, so no
// pattern ever sees a long string (on the server, and in the browser from a crafted link).
export const messageSearchSchema = z.object({
  number: safeText({ max: 32, label: "The number" })
    .trim()
    .refine((v) => v === "" || NUMBER_PATTERN.test(v), {
      error: "The number must be a phone number or a sender name",
    })
    .optional()
    .transform((v) => v || undefined),
  status: z
    .array(
      safeText({ max: 40, label: "A status" })
        .trim()
        .regex(/^[A-Z_]{2,40}$/, "A status must be an upper-case status code"),
    )
    .max(40, "At most 40 statuses")
    .optional()
    .transform((v) => (v && v.length ? [...new Set(v)] : undefined)),
  q: safeText({ max: 200, label: "The text search" })
    .optional()
    .transform((v) => (v && v.trim() ? v : undefined)),
  campaign: safeText({ max: 64, label: "The campaign" })
    .trim()
    .optional()
    .transform((v) => v || undefined),
  route: safeText({ max: 64, label: "The route" })
    .trim()
    .optional()
    .transform((v) => v || undefined),
});

export type MessageSearch = z.infer<typeof messageSearchSchema>;

/** A search that keeps every message (a whole range). */
export const NO_MESSAGE_SEARCH: MessageSearch = {
  number: undefined,
  status: undefined,
  q: undefined,
  campaign: undefined,
  route: undefined,
};

export function hasSearch(s: MessageSearch): boolean {
  return Boolean(s.number || s.status || s.q || s.campaign || s.route);
}

/**
 * A number matches by the phone rule (numberEndMatches: "+44 7700 900123", "447700900123" and
 * "07700900123" all find 447700900123). Letters (an alphanumeric sender such as "Brand")
 * match anywhere in the name, case-insensitively.
 */
export function numberMatches(candidate: string, typed: string): boolean {
  if (/[a-z]/i.test(typed)) return candidate.toLowerCase().includes(typed.trim().toLowerCase());
  return numberEndMatches(candidate, typed);
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
