import "server-only";
import { setPriority } from "node:os";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Db } from "@/lib/db";
import { sqlLiteral } from "@/lib/csv/sql";
import { CopyBinaryDecoder } from "./copy-binary";

// Runs one CSV export's COPY on a connection of its own and hands back its bytes as a web
// stream, pulled only as fast as the client reads (PostgreSQL then waits on its socket).
// The whole file is one snapshot (repeatable read), and the session's time zone is the
// export's zone, which is what to_char's TZH:TZM offsets are written in.

/**
 * The nice value an export's PostgreSQL process runs at when the database is this machine's
 * embedded one. A COPY keeps a core busy for as long as it runs: five of them on two cores
 * left the Messages page of fifty people waiting seconds for CPU. At nice 10 the scheduler
 * serves the pages' short queries first and gives the exports what is left.
 */
export const EXPORT_NICE = 10;

/** Lowers a local backend's CPU priority; false when the system refuses (another user's). */
function lowerPriority(pid: number): boolean {
  try {
    setPriority(pid, EXPORT_NICE);
    return true;
  } catch {
    return false;
  }
}

export interface CopyOutcome {
  /** "done": every row sent; "failed": the query or connection broke; "cancelled": the client left. */
  ending: "done" | "failed" | "cancelled";
  rows: number;
  error?: unknown;
}

export interface CsvCopy {
  /** The rows' bytes; the first chunk was already read (errors before it were thrown). */
  body: ReadableStream<Uint8Array>;
}

/** PostgreSQL refused the time zone (SET TIME ZONE): the zone is unknown to its database. */
export class UnknownZoneError extends Error {
  constructor(tz: string) {
    super(`PostgreSQL does not know the time zone ${tz}`);
    this.name = "UnknownZoneError";
  }
}

/** The node-postgres pool behind the app's Db (drizzle keeps it as $client). */
export function poolOf(db: Db): pg.Pool {
  const client = (db as unknown as { $client?: pg.Pool }).$client;
  if (!client || typeof client.connect !== "function" || !("totalCount" in client)) {
    throw new Error("The database handle has no node-postgres pool");
  }
  return client;
}

/**
 * Starts `COPY (select) TO STDOUT (FORMAT binary)`; `select` returns two columns, a count of
 * CSV lines (int4) and the text of those whole lines (lib/mirror/exports/queries.ts). Resolves once the first bytes arrived, so a failing query still
 * gets a proper error answer. `onEnd` is called exactly once, when the stream is over.
 */
export async function startCsvCopy(
  pool: pg.Pool,
  opts: {
    select: string;
    timeZone: string;
    onEnd: (outcome: CopyOutcome) => void;
    /** The server is this machine's (the embedded store): run the COPY at EXPORT_NICE. */
    local?: boolean;
    /** Read in this exported snapshot (pg_export_snapshot), as the other parts of one file. */
    snapshot?: string;
  },
): Promise<CsvCopy> {
  const client = await pool.connect();
  const pid = (client as unknown as { processID?: number }).processID;
  // A niced connection is closed after the export rather than pooled: raising its priority
  // back needs privileges a non-root server lacks, and a page must not get a slow one.
  const niced = opts.local === true && pid !== undefined && lowerPriority(pid);
  let released = false;
  const release = (destroy: boolean) => {
    if (released) return;
    released = true;
    client.release(destroy || niced ? new Error("export connection closed") : undefined);
  };
  // An error from an idle or broken connection must not crash the process.
  const onClientError = () => undefined;
  client.on("error", onClientError);

  const decoder = new CopyBinaryDecoder();
  let ended = false;
  const end = (outcome: Omit<CopyOutcome, "rows">) => {
    if (ended) return;
    ended = true;
    client.removeListener("error", onClientError);
    opts.onEnd({ ...outcome, rows: decoder.rows });
  };

  let chunks: AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    await client.query("begin isolation level repeatable read read only");
    if (opts.snapshot !== undefined) {
      await client.query(`set transaction snapshot ${sqlLiteral(opts.snapshot)}`);
    }
    try {
      await client.query(`set local time zone ${sqlLiteral(opts.timeZone)}`);
    } catch (err) {
      if ((err as { code?: string }).code === "22023") throw new UnknownZoneError(opts.timeZone);
      throw err;
    }
    // Rows in the index's order, not computed all and sorted: without this the planner
    // prefers a sequential scan and a sort for a large range, and the first byte waits for
    // every line to be written (10 s for 200 k rows measured here). No JIT: compiling the
    // line expression costs more than it saves on a streamed read.
    await client.query("set local enable_sort = off");
    await client.query("set local jit = off");
    const copy = client.query(copyTo(`copy (${opts.select}) to stdout (format binary)`));
    chunks = copy[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    first = await chunks.next();
  } catch (err) {
    release(true);
    end({ ending: "failed", error: err });
    throw err;
  }

  /** Stops the query on the server (a COPY does not notice a reader that went away). */
  const stop = async () => {
    if (released) return;
    try {
      if (pid !== undefined) await pool.query("select pg_cancel_backend($1)", [pid]);
    } catch {
      // the connection is closed below whatever happens
    }
    await chunks.return?.().catch(() => undefined);
    release(true);
  };

  let pending: IteratorResult<Buffer> | undefined = first;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const next = pending ?? (await chunks.next());
            pending = undefined;
            if (next.done) {
              decoder.end(); // throws when the trailer is missing: never a short file
              await client.query("commit");
              release(false);
              end({ ending: "done" });
              controller.close();
              return;
            }
            const bytes = decoder.push(next.value);
            if (bytes.length) {
              controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
              return;
            }
          }
        } catch (err) {
          await stop();
          end({ ending: "failed", error: err });
          throw err;
        }
      },
      async cancel(reason) {
        await stop();
        end({ ending: "cancelled", error: reason });
      },
    },
    { highWaterMark: 0 },
  );
  return { body };
}
