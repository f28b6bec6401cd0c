// Export from the mirror, measured at the database: `COPY (SELECT …) TO STDOUT` in CSV,
// streamed through this process as the export route would stream it (pg-copy-streams), the
// bytes counted and dropped. Used while the route's own COPY export (scripts/bench/
// mirror-export.ts) is not there: it gives PostgreSQL's rate, the time to the first bytes,
// and the CPU this Node process spends per 100 k rows passing them on.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

export interface CopyResult {
  rows: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  /** User + system CPU of this process, ms. */
  cpuMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function copyExport(url: string, startMs: number, endMs: number): Promise<CopyResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    // The CSV's columns: every field of a message, instants in ISO 8601 UTC.
    const stream = client.query(
      copyTo(`copy (
        select id, to_char(created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created,
          to_char(modified at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as modified,
          direction, originator, recipient, status, parts, cost, currency, route_id,
          campaign_id, sender_reference, in_reply_to, body
        from mirror_messages
        where created >= '${iso(startMs)}' and created < '${iso(endMs)}'
        order by created, id
      ) to stdout with (format csv, header)`),
    );
    let bytes = 0;
    let firstByteMs = Number.NaN;
    // Bytes only: the rows are PostgreSQL's own count, so no CPU goes into counting them.
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += chunk.length;
    }
    const totalMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      rows: stream.rowCount,
      bytes,
      firstByteMs,
      totalMs,
      cpuMs: (used.user + used.system) / 1000,
    };
  } finally {
    await client.end();
  }
}
