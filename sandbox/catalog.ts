// Fixed reference data for the generator: statuses, countries, prices, sender ids, notes.
// Everything here is from the README (the ground truth) or is plausible filler.

/** Documented delivery-receipt statuses, then the extra ones seen in real exports. */
export const DOCUMENTED_STATUSES = [
  "DELIVERED",
  "ACCEPTED",
  "EXPIRED",
  "DELETED",
  "UNDELIVERABLE",
  "UNKNOWN",
  "REJECTED",
  "INTERIM_QUEUED",
  "INTERIM_ACKNOWLEDGED",
  "RETRY",
  "FAILED_NACK",
  "FAILED_NOROUTE",
  "FAILED_INSUFFICIENT_CREDIT",
  "FAILED_ORIGINATOR_RECIPIENT_EQUAL",
  "FAILED_RECIPIENT_BLACKLISTED",
  "FAILED_ORIGINATOR_REJECTED",
  "FAILED_ROUTE_INVALID",
  "FAILED_LIMITS_EXCEEDED",
  "FAILED_EXHAUSTED",
  "FAILED_INTERNAL_ERROR",
  "FAILED_UNKNOWN",
] as const;

export const EXPORT_ONLY_STATUSES = [
  "UNDELIVERED",
  "OPTED_OUT",
  "FAILED",
  "SENT",
  "ENROUTE",
  "SCHEDULED",
  "CREATED",
] as const;

export const ALL_STATUSES: readonly string[] = [...DOCUMENTED_STATUSES, ...EXPORT_ONLY_STATUSES];

/**
 * MT status weights in basis points (sum 10,000). Mostly DELIVERED; every status keeps at
 * least 0.2% so a 20k-message dataset (~17k MT) contains each one dozens of times.
 */
export const MT_STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ["DELIVERED", 7980],
  ["ACCEPTED", 300],
  ["UNDELIVERABLE", 300],
  ["EXPIRED", 150],
  ["UNDELIVERED", 150],
  ["SENT", 150],
  ["ENROUTE", 100],
  ["FAILED", 100],
  ["REJECTED", 80],
  ["UNKNOWN", 80],
  ["OPTED_OUT", 80],
  ["INTERIM_QUEUED", 50],
  ["INTERIM_ACKNOWLEDGED", 50],
  ["RETRY", 50],
  ["DELETED", 40],
  ["SCHEDULED", 40],
  ["CREATED", 40],
  ["FAILED_NACK", 30],
  ["FAILED_NOROUTE", 30],
  ["FAILED_INSUFFICIENT_CREDIT", 30],
  ["FAILED_ORIGINATOR_RECIPIENT_EQUAL", 20],
  ["FAILED_RECIPIENT_BLACKLISTED", 30],
  ["FAILED_ORIGINATOR_REJECTED", 20],
  ["FAILED_ROUTE_INVALID", 20],
  ["FAILED_LIMITS_EXCEEDED", 20],
  ["FAILED_EXHAUSTED", 20],
  ["FAILED_INTERNAL_ERROR", 20],
  ["FAILED_UNKNOWN", 20],
];

export const MO_STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ["DELIVERED", 9200],
  ["ACCEPTED", 800],
];

/** Statuses for which the platform did not charge (rejected before reaching a carrier). */
export const UNCHARGED_STATUSES: ReadonlySet<string> = new Set([
  "REJECTED",
  "OPTED_OUT",
  "SCHEDULED",
  "CREATED",
  "FAILED_NOROUTE",
  "FAILED_INSUFFICIENT_CREDIT",
  "FAILED_ORIGINATOR_RECIPIENT_EQUAL",
  "FAILED_RECIPIENT_BLACKLISTED",
  "FAILED_ORIGINATOR_REJECTED",
  "FAILED_ROUTE_INVALID",
  "FAILED_LIMITS_EXCEEDED",
]);

export interface Country {
  code: "GB" | "AU" | "NZ" | "IE" | "US";
  /** International dialling prefix, as recipients are written (no '+'). */
  prefix: string;
  currency: "GBP" | "AUD" | "NZD" | "EUR" | "USD";
  /** Price of one SMS part in 1/10,000 of the currency unit (exact integer arithmetic). */
  pricePerPart: number;
  /** Share of handsets, in percent. */
  weight: number;
  /** Digits after the prefix: a leading mobile digit choice, then `rest` random digits. */
  mobileLeads: readonly string[];
  rest: number;
  /** Whether local format (trunk '0' instead of the country code) occurs for this country. */
  hasTrunkZero: boolean;
}

export const COUNTRIES: readonly Country[] = [
  {
    code: "GB",
    prefix: "44",
    currency: "GBP",
    pricePerPart: 425,
    weight: 40,
    mobileLeads: ["74", "75", "77", "78", "79"],
    rest: 8,
    hasTrunkZero: true,
  },
  {
    code: "AU",
    prefix: "61",
    currency: "AUD",
    pricePerPart: 500,
    weight: 28,
    mobileLeads: ["40", "41", "42", "43", "45", "47"],
    rest: 7,
    hasTrunkZero: true,
  },
  {
    code: "NZ",
    prefix: "64",
    currency: "NZD",
    pricePerPart: 850,
    weight: 12,
    mobileLeads: ["21", "22", "27"],
    rest: 7,
    hasTrunkZero: true,
  },
  {
    code: "IE",
    prefix: "353",
    currency: "EUR",
    pricePerPart: 695,
    weight: 8,
    mobileLeads: ["83", "85", "86", "87", "89"],
    rest: 7,
    hasTrunkZero: true,
  },
  {
    code: "US",
    prefix: "1",
    currency: "USD",
    pricePerPart: 95,
    weight: 12,
    mobileLeads: ["212", "415", "646", "702", "917"],
    rest: 7,
    hasTrunkZero: false,
  },
];

/** Alphanumeric sender ids (at most 11 characters, as carriers require). */
export const SENDER_IDS = [
  "Sender ID",
  "Brand",
  "AcmeDental",
  "CityGym",
  "PizzaHub",
  "MVTNotify",
  "BankAlert",
  "ShopNow",
  "KiwiPost",
  "HarbourCln",
] as const;

export const OPTOUT_NOTES = [
  "MO",
  "API",
  "Rule Based Action: 3x UNDELIVERABLE",
  "Opted out via qwt5.me",
  "Pasted Optout",
  "File Upload",
] as const;

export type OptoutNote = (typeof OPTOUT_NOTES)[number];

export const MESSAGE_FIELDS = [
  "id",
  "created",
  "modified",
  "originator",
  "recipient",
  "body",
  "status",
  "direction",
  "inReplyTo",
  "routeId",
  "parts",
  "cost",
  "currency",
  "senderReference",
  "campaignId",
] as const;

/** A message exactly as GET /message returns it (all 15 fields, nullable ones as null). */
export interface ApiMessage {
  id: string;
  created: string;
  modified: string;
  originator: string;
  recipient: string;
  body: string;
  status: string;
  direction: "MT" | "MO";
  inReplyTo: string | null;
  routeId: string;
  parts: number;
  cost: number | null;
  currency: string | null;
  senderReference: string | null;
  campaignId: string | null;
}

/** An opt-out exactly as GET /addressbook/optout returns it (created in epoch ms). */
export interface ApiOptout {
  id: number;
  mobile: string;
  note: string;
  created: number;
}
