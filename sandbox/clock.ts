// The sandbox's clock: what "now" is for the API. Records created after now are invisible,
// messages show the state they had at now, scheduled opt-out changes apply once now passes
// them. Three modes:
// - "fixed" (the default): no time model. Everything in the dataset is visible and final,
//   exactly as before the sandbox learnt time; API writes are stamped with the wall clock.
// - "set": a frozen instant that only moves when a test sets or advances it.
// - "real": the wall clock plus an offset, so a demo receives traffic as time passes.

export type ClockMode = "fixed" | "set" | "real";

export interface ClockState {
  mode: ClockMode;
  /** The clock's instant in epoch ms; null in fixed mode (everything visible and final). */
  now: number | null;
  /** `now` as an ISO instant, or null in fixed mode. */
  nowIso: string | null;
  /** Real mode only: now = wall clock + offsetMs. */
  offsetMs: number | null;
  /** The instant the dataset's history ends (its start-up "now"). */
  dataEndMs: number;
  /** The last instant the dataset holds records for (dataEndMs + futureDays). */
  futureEndMs: number;
}

/** How the clock starts: "fixed", "real", or an instant (ms, Date or ISO string). */
export type ClockSetting = "fixed" | "real" | number | Date | string;

export interface ClockControl {
  /** The instant that decides visibility: +Infinity in fixed mode. */
  now(): number;
  state(): ClockState;
  /** Freezes the clock at an instant (mode "set"). */
  set(at: number | Date | string): ClockState;
  /** Moves a set or real clock forward (or back, if negative). Throws in fixed mode. */
  advance(ms: number): ClockState;
  /**
   * Real time. With an offset: wall clock + offsetMs. Without: continues from the current
   * instant (from the dataset's start-up now when the clock was fixed).
   */
  real(offsetMs?: number): ClockState;
  /** Back to fixed mode (everything visible and final). */
  fix(): ClockState;
  /** Back to the mode and instant the sandbox started with. */
  reset(): ClockState;
}

type Internal = { mode: "fixed" } | { mode: "set"; at: number } | { mode: "real"; offset: number };

/** The range a JavaScript Date can hold (±100,000,000 days around 1970). */
const MAX_INSTANT_MS = 8.64e15;

export function toEpochMs(value: number | Date | string): number {
  const ms = typeof value === "number" ? value : new Date(value).getTime();
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_INSTANT_MS) {
    throw new RangeError(`Invalid clock instant: ${String(value)}`);
  }
  return Math.floor(ms);
}

export class SandboxClock implements ClockControl {
  private current: Internal;
  private readonly initial: Internal;

  constructor(
    setting: ClockSetting,
    private readonly dataEndMs: number,
    private readonly futureEndMs: number,
    private readonly wallClock: () => number = Date.now,
  ) {
    if (setting === "fixed") this.initial = { mode: "fixed" };
    // Real time continues from the dataset's start-up now (offset ~0 when it ended at now).
    else if (setting === "real") this.initial = { mode: "real", offset: dataEndMs - wallClock() };
    else this.initial = { mode: "set", at: toEpochMs(setting) };
    this.current = { ...this.initial };
  }

  now(): number {
    const c = this.current;
    if (c.mode === "fixed") return Number.POSITIVE_INFINITY;
    return c.mode === "set" ? c.at : this.wallClock() + c.offset;
  }

  /** The time API writes (POST/DELETE opt-out) are stamped with: the wall clock when fixed. */
  stampMs(): number {
    return this.current.mode === "fixed" ? this.wallClock() : this.now();
  }

  get mode(): ClockMode {
    return this.current.mode;
  }

  state(): ClockState {
    const c = this.current;
    const now = c.mode === "fixed" ? null : this.now();
    return {
      mode: c.mode,
      now,
      nowIso: now === null ? null : new Date(now).toISOString(),
      offsetMs: c.mode === "real" ? c.offset : null,
      dataEndMs: this.dataEndMs,
      futureEndMs: this.futureEndMs,
    };
  }

  set(at: number | Date | string): ClockState {
    this.current = { mode: "set", at: toEpochMs(at) };
    return this.state();
  }

  advance(ms: number): ClockState {
    if (!Number.isFinite(ms)) throw new RangeError("advanceMs must be a finite number");
    const c = this.current;
    if (c.mode === "fixed") {
      throw new RangeError(
        "The clock is fixed (everything visible and final): set an instant or real time first",
      );
    }
    toEpochMs(this.now() + Math.trunc(ms)); // throws when the instant would be out of range
    this.current =
      c.mode === "set"
        ? { mode: "set", at: c.at + Math.trunc(ms) }
        : { mode: "real", offset: c.offset + Math.trunc(ms) };
    return this.state();
  }

  real(offsetMs?: number): ClockState {
    if (offsetMs !== undefined && !Number.isFinite(offsetMs)) {
      throw new RangeError("offsetMs must be a finite number");
    }
    if (offsetMs !== undefined) toEpochMs(this.wallClock() + offsetMs); // in range?
    const from = this.current.mode === "fixed" ? this.dataEndMs : this.now();
    this.current = {
      mode: "real",
      offset: offsetMs === undefined ? from - this.wallClock() : Math.trunc(offsetMs),
    };
    return this.state();
  }

  fix(): ClockState {
    this.current = { mode: "fixed" };
    return this.state();
  }

  reset(): ClockState {
    this.current = { ...this.initial };
    return this.state();
  }
}
