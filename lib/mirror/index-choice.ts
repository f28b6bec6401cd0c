import { RequestSlots } from "@/lib/mobivate/request-slots";

// When a backfill into an empty copy keeps its look-up indexes (lib/mirror/indexes.ts).
//
// Built once at the end, the five indexes cost 3–4 s on two cores for 300,000 messages, with
// no request in flight: time added to the backfill whatever the API's speed. Kept row by row
// they cost CPU while the pages are written instead. Against a fast API the backfill is bound
// by that CPU, so the indexes wait for the end. Against a slow one (a real API's hundreds of
// milliseconds a page) the CPU idles between answers and absorbs them: measured at 400 ms a
// page, a backfill of 300,000 messages took 35.5 s keeping them against 37.3 s building them
// at the end. The first answers' times tell which case this is, before any row is written.

/** First answers this slow or slower mean the API, not the writing, sets the pace. */
export const SLOW_ANSWER_MS = 250;

export type IndexMode =
  /** The indexes were there all along (not a first backfill). */
  | "kept"
  /** Dropped at the start, built once the last row was in (a fast API). */
  | "built-at-end"
  /** Dropped at the start, built again before the first row was written (a slow API). */
  | "row-by-row";

/** Answers whose times decide: the fastest of a first round, not one cold first request. */
export const ANSWERS_SEEN = 3;

/**
 * Request slots that remember how long the first few answers took. The first request may
 * carry a connection's set-up (DNS, TLS) or land on a busy machine; the fastest of the first
 * round is the API's own pace.
 */
export class TimedSlots extends RequestSlots {
  readonly answerMs: number[] = [];
  private readonly waiters = new Set<() => void>();

  override run<T>(signal: AbortSignal | undefined, request: () => Promise<T>): Promise<T> {
    return super.run(signal, async () => {
      const started = performance.now();
      try {
        return await request();
      } finally {
        if (this.answerMs.length < ANSWERS_SEEN) {
          this.answerMs.push(performance.now() - started);
          for (const wake of [...this.waiters]) wake();
        }
      }
    });
  }

  /**
   * The fastest of the first ANSWERS_SEEN answers, once they are in, or of those in after
   * `patienceMs` more (a short read may never ask that many); undefined when none came.
   */
  async fastestAnswerMs(patienceMs: number): Promise<number | undefined> {
    if (this.answerMs.length < ANSWERS_SEEN) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          this.waiters.delete(onAnswer);
          resolve();
        };
        const onAnswer = () => {
          if (this.answerMs.length >= ANSWERS_SEEN) finish();
        };
        const timer = setTimeout(finish, patienceMs);
        this.waiters.add(onAnswer);
      });
    }
    return this.answerMs.length ? Math.min(...this.answerMs) : undefined;
  }
}

/**
 * The choice, made once, before the first write of a backfill whose indexes were dropped:
 * every span awaits `beforeWrite()` before writing a page; the first call decides from the
 * first answers' times and, for a slow API, builds the indexes on the still empty table.
 */
export class IndexChoice {
  private decision: Promise<void> | undefined;
  mode: IndexMode;

  constructor(
    dropped: boolean,
    private readonly slots: TimedSlots,
    private readonly buildIndexes: () => Promise<unknown>,
    private readonly slowAnswerMs = SLOW_ANSWER_MS,
  ) {
    this.mode = dropped ? "built-at-end" : "kept";
  }

  beforeWrite(): Promise<void> {
    if (this.mode === "kept") return Promise.resolve();
    this.decision ??= this.decide();
    return this.decision;
  }

  /** The indexes are still to be built once every row is in. */
  get buildAtEnd(): boolean {
    return this.mode === "built-at-end";
  }

  private async decide(): Promise<void> {
    // The first page is in, so the first answer too; the others of its round follow within
    // about as long (the pages read meanwhile wait in the reader's buffer).
    const first = this.slots.answerMs[0] ?? 0;
    const fastest = await this.slots.fastestAnswerMs(Math.min(2 * first, 5_000));
    if ((fastest ?? 0) < this.slowAnswerMs) return;
    await this.buildIndexes();
    this.mode = "row-by-row";
  }
}
