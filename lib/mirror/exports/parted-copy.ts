import "server-only";
import type pg from "pg";
import { startCsvCopy, type CopyOutcome, type CsvCopy } from "./copy-stream";
import type { ExportKey, ExportKeyRange } from "./queries";

// One CSV file written by two PostgreSQL processes at once. A COPY's lines are made by one
// backend, about 7 µs each here (to_char of two instants in the export's zone, the cells,
// the batches): one backend alone writes ~140,000 lines a second, whatever the web server
// does. So a lone download is cut into parts of PART_ROWS messages in the file's order; while
// one part streams to the client, the next is written by another backend into a bounded
// buffer. Every part reads the same snapshot (pg_export_snapshot, held by a third connection
// that also finds where each part ends), so the file is the one a single COPY would write,
// byte for byte.

/** Messages per part: about 7 MB of CSV at the sandbox's line length. */
export const PART_ROWS = 25_000;
/** What the part read ahead may hold before its backend is left waiting on its socket. */
export const READ_AHEAD_BYTES = 16 * 1024 * 1024;

export interface PartedCsvCopyOptions {
  /** The part of the file between two keys (messageExportSelect with `keys`). */
  partSelect: (keys: ExportKeyRange) => string;
  /** The key `rows` messages after `after`, or no row (messageExportBoundarySelect). */
  boundarySelect: (after: ExportKey | undefined, rows: number) => string;
  timeZone: string;
  local?: boolean;
  onEnd: (outcome: CopyOutcome) => void;
  partRows?: number;
  readAheadBytes?: number;
}

/** A part's stream, read ahead into memory up to a bound while an earlier part streams. */
class ReadAhead {
  private readonly chunks: Uint8Array[] = [];
  private bytes = 0;
  private done = false;
  private failure: { error: unknown } | undefined;
  private pumping = false;
  private wake: (() => void) | undefined;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(
    copy: CsvCopy,
    private readonly limit: number,
  ) {
    this.reader = copy.body.getReader();
    this.pump();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private pump(): void {
    if (this.pumping || this.done || this.failure) return;
    this.pumping = true;
    void (async () => {
      try {
        while (this.bytes < this.limit) {
          const next = await this.reader.read();
          if (next.done) {
            this.done = true;
            break;
          }
          this.chunks.push(next.value);
          this.bytes += next.value.length;
          this.notify();
        }
      } catch (error) {
        this.failure = { error };
      } finally {
        this.pumping = false;
        this.notify();
      }
    })();
  }

  /** The next chunk in order: what was read ahead first, then each as it arrives. */
  async read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.bytes -= chunk.length;
        this.pump();
        return { done: false, value: chunk };
      }
      if (this.failure) throw this.failure.error;
      if (this.done) return { done: true, value: undefined };
      this.pump();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async cancel(reason: unknown): Promise<void> {
    await this.reader.cancel(reason).catch(() => undefined);
  }
}

/**
 * Starts the file's COPY in parts, two at a time; resolves once its first bytes arrived (so a
 * failure before them, an unknown zone included, is thrown as startCsvCopy throws it).
 * `onEnd` is called exactly once, with the rows of every part.
 */
export async function startPartedCsvCopy(
  pool: pg.Pool,
  opts: PartedCsvCopyOptions,
): Promise<CsvCopy> {
  const partRows = opts.partRows ?? PART_ROWS;
  const limit = opts.readAheadBytes ?? READ_AHEAD_BYTES;
  const holder = await pool.connect();
  const onHolderError = () => undefined;
  holder.on("error", onHolderError);
  let holderReleased = false;
  const releaseHolder = async (broken: boolean) => {
    if (holderReleased) return;
    holderReleased = true;
    if (!broken) await holder.query("commit").catch(() => undefined);
    holder.removeListener("error", onHolderError);
    holder.release(broken ? new Error("export snapshot connection closed") : undefined);
  };

  let rows = 0;
  let ended = false;
  const end = (outcome: Omit<CopyOutcome, "rows">) => {
    if (ended) return;
    ended = true;
    opts.onEnd({ ...outcome, rows });
  };

  let snapshot: string;
  // Where the next part to start begins; null once the last part has started.
  let after: ExportKey | undefined | null;
  // Set once the download is cancelled or failed: no part starts after that.
  let stopped = false;
  const startPart = async (): Promise<ReadAhead | null> => {
    if (after === null || stopped) return null;
    const from = after;
    const found = await holder.query<ExportKey>(opts.boundarySelect(from, partRows));
    const through = found.rows[0];
    after = through ?? null;
    const copy = await startCsvCopy(pool, {
      select: opts.partSelect({ after: from, through }),
      timeZone: opts.timeZone,
      local: opts.local,
      snapshot,
      onEnd: (o) => {
        rows += o.rows;
      },
    });
    const part = new ReadAhead(copy, limit);
    // Stopped while it started (a cancel during the boundary query or the first bytes).
    if (stopped) {
      await part.cancel("stopped");
      return null;
    }
    return part;
  };

  let current: ReadAhead | null;
  let next: Promise<ReadAhead | null>;
  try {
    await holder.query("begin isolation level repeatable read read only");
    // The boundaries walk the (created, id) index, as the parts do (see startCsvCopy).
    await holder.query("set local enable_sort = off");
    await holder.query("set local jit = off");
    const exported = await holder.query<{ id: string }>("select pg_export_snapshot() as id");
    snapshot = exported.rows[0]!.id;
    current = await startPart();
    next = startPart();
    // Its failure is seen when the stream reaches it; until then it must not go unhandled.
    next.catch(() => undefined);
  } catch (err) {
    await releaseHolder(true);
    end({ ending: "failed", error: err });
    throw err;
  }

  const stopAll = async (reason: unknown) => {
    stopped = true;
    const pending = await next.catch(() => null);
    await Promise.all([current?.cancel(reason), pending?.cancel(reason)]);
    await releaseHolder(true);
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            if (!current) {
              await releaseHolder(false);
              end({ ending: "done" });
              controller.close();
              return;
            }
            const chunk = await current.read();
            if (!chunk.done) {
              controller.enqueue(chunk.value);
              return;
            }
            // This part is whole: the one read ahead streams now, and the one after it starts.
            current = await next;
            if (stopped) return;
            next = current ? startPart() : Promise.resolve(null);
            next.catch(() => undefined);
          }
        } catch (err) {
          await stopAll(err);
          end({ ending: "failed", error: err });
          throw err;
        }
      },
      async cancel(reason) {
        await stopAll(reason);
        end({ ending: "cancelled", error: reason });
      },
    },
    { highWaterMark: 0 },
  );
  return { body };
}
