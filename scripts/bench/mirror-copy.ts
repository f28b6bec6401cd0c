// Export from the mirror, measured with the export route's own pieces: the CSV lines of
// lib/mirror/exports/queries.ts (messageExportSql with the route's columns) copied as a lone
// download is, in parts two at a time (startPartedCsvCopy: COPY … TO STDOUT in binary
// framing, decoded into CSV lines), the bytes
// counted and dropped as a client would take them. Rows/s, time to the first bytes, and
// the CPU this Node process (standing in for the web server) spends per 100 k rows.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { messageCsvColumns } from "../../lib/export/columns";
import type { CopyOutcome } from "../../lib/mirror/exports/copy-stream";
import { startPartedCsvCopy } from "../../lib/mirror/exports/parted-copy";
import { messageExportSql } from "../../lib/mirror/exports/queries";
import { NO_MESSAGE_SEARCH } from "../../lib/search/message-filter";

export interface CopyResult {
  rows: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  /** User + system CPU of this process, ms. */
  cpuMs: number;
}

/**
 * Connections for the downloads: the snapshot holder and two parts, kept open between
 * downloads as the app's pool keeps them (lib/db/open.ts, `min`).
 */
export function copyPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 3, min: 3 });
}

export async function copyExport(
  pool: pg.Pool,
  startMs: number,
  endMs: number,
): Promise<CopyResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let outcome: CopyOutcome | undefined;
  const { parts } = messageExportSql(
    {
      startMs,
      endMs,
      search: NO_MESSAGE_SEARCH,
    },
    messageCsvColumns("UTC"),
  );
  if (!parts) throw new Error("an unfiltered range is cut into parts");
  const { body } = await startPartedCsvCopy(pool, {
    ...parts,
    timeZone: "UTC",
    onEnd: (o) => (outcome = o),
  });
  const firstByteMs = performance.now() - started;
  let bytes = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const totalMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (outcome?.ending !== "done") throw new Error(`export ended ${outcome?.ending ?? "?"}`);
  return {
    rows: outcome.rows,
    bytes,
    firstByteMs,
    totalMs,
    cpuMs: (used.user + used.system) / 1000,
  };
}
