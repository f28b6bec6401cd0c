// How a delivery status counts in the delivery rate. The list of statuses is open (the
// API documents some, real exports show more), so the rule is: DELIVERED is delivered, a
// known in-between status is pending, and anything else, including a status never seen
// before, is a failure. The same split as the status badges' colours.

export type DeliveryOutcome = "delivered" | "pending" | "failed";

export const DELIVERED_STATUSES: readonly string[] = ["DELIVERED"];

/** Not final yet: the carrier may still deliver (or fail). Excluded from the rate. */
export const PENDING_STATUSES: readonly string[] = [
  "ACCEPTED",
  "INTERIM_QUEUED",
  "INTERIM_ACKNOWLEDGED",
  "RETRY",
  "SENT",
  "ENROUTE",
  "SCHEDULED",
  "CREATED",
  "UNKNOWN",
];

const DELIVERED = new Set(DELIVERED_STATUSES);
const PENDING = new Set(PENDING_STATUSES);

export function deliveryOutcome(status: string): DeliveryOutcome {
  if (DELIVERED.has(status)) return "delivered";
  // Any other interim status a carrier invents (INTERIM_…) is still in flight.
  if (PENDING.has(status) || status.startsWith("INTERIM_")) return "pending";
  return "failed";
}

export interface OutcomeCounts {
  delivered: number;
  failed: number;
  pending: number;
}

/** Delivered ÷ (delivered + failed), 0..1; null when nothing has a final status. */
export function deliveryRate(c: Pick<OutcomeCounts, "delivered" | "failed">): number | null {
  const final = c.delivered + c.failed;
  return final === 0 ? null : c.delivered / final;
}

/** "97.3 %": rounded down to one decimal, so "100.0 %" means that every one was delivered. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  const tenths = Math.floor(rate * 1000 + 1e-9);
  return `${(tenths / 10).toFixed(1)} %`;
}
