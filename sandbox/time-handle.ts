// The clock and upstream opt-out changes on the sandbox handle (sb.clock, sb.addOptout,
// sb.removeOptout, sb.pendingOptouts); the /__sandbox/ control routes call the same methods.
import type { ApiOptout } from "./catalog";
import { SandboxClock, toEpochMs, type ClockControl } from "./clock";
import type { Dataset } from "./dataset";
import { normalizeMobile } from "./optouts";

type Instant = number | Date | string;

export interface PendingOptouts {
  /** Opt-outs created after now: they appear once the clock passes their `created`. */
  adds: ApiOptout[];
  /** Removals upstream after now: the opt-out disappears once the clock passes `at`. */
  removals: { mobile: string; at: number }[];
}

export interface TimeControl {
  clock: ClockControl;
  /**
   * Removes a mobile's opt-out upstream, effective `at` (default: the clock's now; a later
   * instant schedules it). Returns the removed record, or undefined when the mobile is not
   * opted out at that instant. Throws RangeError for an invalid mobile.
   */
  removeOptout(mobile: string, at?: Instant): ApiOptout | undefined;
  /**
   * Opts a mobile out upstream, created `at` (default: the clock's now; a later instant
   * schedules it). Returns the new record, or undefined when it is already opted out then.
   */
  addOptout(mobile: string, options?: { note?: string; at?: Instant }): ApiOptout | undefined;
  /** Scheduled opt-out changes still ahead of the clock. */
  pendingOptouts(): PendingOptouts;
}

function digits(mobile: string): string {
  const normalized = normalizeMobile(mobile);
  if (normalized === null) throw new RangeError("Invalid mobile number");
  return normalized;
}

export function createTimeControl(dataset: Dataset, clock: SandboxClock): TimeControl {
  const instant = (at: Instant | undefined): number =>
    at === undefined ? clock.stampMs() : toEpochMs(at);
  return {
    clock,
    removeOptout(mobile, at) {
      const when = instant(at);
      // A removal in the future removes what stands now; one in the past what stood then.
      const lookAt = at === undefined ? clock.now() : Math.min(when, clock.now());
      return dataset.optouts.remove(digits(mobile), when, lookAt);
    },
    addOptout(mobile, options = {}) {
      return dataset.optouts.schedule(digits(mobile), options.note ?? "API", instant(options.at));
    },
    pendingOptouts: () => dataset.optouts.pending(clock.now()),
  };
}
