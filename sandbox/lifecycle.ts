// How a message changes after it is created, when the clock is not fixed. The API only
// filters by creation time while `status` and `modified` move on later (delivery receipts),
// which is what a syncing client's lookback window is for.
//
// Per message, a pure function of (seed, index) and O(1) to evaluate at any instant:
// - at `created`: the record exists; carrier-reported statuses show ACCEPTED or SENT first,
//   statuses decided at submission (REJECTED, FAILED_NOROUTE, ACCEPTED, SCHEDULED, ...) show
//   themselves; `modified` = created;
// - at `submitted` (created + the 1-9 s the generator always gave `modified`): `modified`
//   moves there (the platform acknowledged the submission);
// - at `changeAt` (carrier-reported statuses only): the final status arrives and
//   `modified` = changeAt. 88% within 1-30 min, 12% within 1-6 h, EXPIRED after 6-48 h.
// The final status is the one the generator has always produced, so final answers (status
// counts, spend) do not depend on the clock once it has passed every change.
import { hash32, unit } from "./hash";

const SALT_INITIAL = 0xa1;
const SALT_DELAY = 0xa2;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every change happens within this long of creation (so a 72 h lookback catches all). */
export const MAX_CHANGE_DELAY_MS = 48 * HOUR;

/** Final statuses a carrier reports later; until then the message is ACCEPTED or SENT. */
export const CARRIER_REPORTED_STATUSES: ReadonlySet<string> = new Set([
  "DELIVERED",
  "EXPIRED",
  "DELETED",
  "UNDELIVERABLE",
  "UNDELIVERED",
  "UNKNOWN",
  "FAILED",
  "FAILED_NACK",
  "FAILED_EXHAUSTED",
  "FAILED_INTERNAL_ERROR",
  "FAILED_UNKNOWN",
]);

export interface Lifecycle {
  createdMs: number;
  /** When `modified` first moves (submission acknowledged). */
  submittedMs: number;
  /** Status from creation until `changeAtMs` (the final status when nothing changes). */
  initialStatus: string;
  finalStatus: string;
  /** When the final status arrives, or null when the status never changes. */
  changeAtMs: number | null;
}

export interface MessageState {
  status: string;
  modifiedMs: number;
}

function changeDelayMs(status: string, h: number): number {
  const u = unit(h);
  const v = unit(hash32(h, 1, SALT_DELAY));
  let ms: number;
  if (status === "EXPIRED") ms = 6 * HOUR + v * 42 * HOUR;
  else if (u < 0.88) ms = MINUTE + v * 29 * MINUTE;
  else ms = HOUR + v * 5 * HOUR;
  return Math.floor(ms / 1000) * 1000; // the API prints whole seconds
}

/** The lifecycle of message `index` (MT only changes status; MO only its `modified`). */
export function lifecycleOf(
  seed: number,
  index: number,
  direction: "MO" | "MT",
  createdMs: number,
  finalStatus: string,
  submitLagMs: number,
): Lifecycle {
  const submittedMs = createdMs + submitLagMs;
  if (direction === "MO" || !CARRIER_REPORTED_STATUSES.has(finalStatus)) {
    return { createdMs, submittedMs, initialStatus: finalStatus, finalStatus, changeAtMs: null };
  }
  const initialStatus = unit(hash32(seed, index, SALT_INITIAL)) < 0.65 ? "ACCEPTED" : "SENT";
  const changeAtMs = createdMs + changeDelayMs(finalStatus, hash32(seed, index, SALT_DELAY));
  return { createdMs, submittedMs, initialStatus, finalStatus, changeAtMs };
}

/** The message's status and `modified` at an instant (at or after its creation). */
export function stateAt(life: Lifecycle, nowMs: number): MessageState {
  if (life.changeAtMs !== null && nowMs >= life.changeAtMs) {
    return { status: life.finalStatus, modifiedMs: life.changeAtMs };
  }
  return {
    status: life.initialStatus,
    modifiedMs: nowMs >= life.submittedMs ? life.submittedMs : life.createdMs,
  };
}
