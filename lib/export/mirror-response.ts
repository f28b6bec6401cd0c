import "server-only";
import type { AuditAction } from "@/lib/audit/action-names";
import { recordAuditOrLog } from "@/lib/audit/record";
import type { AuditActor } from "@/lib/audit/store";
import { createCsvEncoder, type CsvColumn } from "@/lib/csv/columns";
import { getDbHandle } from "@/lib/db";
import { yieldToPages } from "@/lib/http/loop-lag";
import { observeExport } from "@/lib/observability/exports";
import {
  poolOf,
  startCsvCopy,
  UnknownZoneError,
  type CopyOutcome,
} from "@/lib/mirror/exports/copy-stream";
import { startPartedCsvCopy, type PartedCsvCopyOptions } from "@/lib/mirror/exports/parted-copy";
import { csvHeaders } from "./csv-response";
import { exportErrorResponse, tooManyExports } from "./error-response";
import { runningExports, tryAcquireExportSlot } from "./limit";

// A CSV download written by PostgreSQL from the local copy (lib/mirror/exports): the same
// file as csvExportResponse writes from a live read, with the web server only passing bytes
// on. Same rules as the live path: the person's export slot is held until the stream ends,
// fails or is cancelled; a failure after the status aborts the download (never a short file
// that looks complete); a person who leaves stops the query; one audit entry per download.

export interface MirrorCsvExport<Row> {
  filename: string;
  /** The live export's columns: their header line is written here, their cells by the SELECT. */
  columns: readonly CsvColumn<Row>[];
  bom: boolean;
  userId: string;
  /** Rows of (line count, lines' text) (lib/mirror/exports/queries.ts). */
  select: string;
  /**
   * The same file cut into parts by key, where the rows allow it (messages): a download that
   * runs alone is then written by two PostgreSQL processes (lib/mirror/exports/parted-copy).
   * Beside other downloads it stays one COPY: the cores are theirs too.
   */
  parts?: Pick<PartedCsvCopyOptions, "partSelect" | "boundarySelect">;
  /** The export's IANA zone: the session's time zone while the COPY runs. */
  timeZone: string;
  audit: {
    actor: AuditActor | null;
    action: Extract<AuditAction, `export.${string}`>;
    details: Record<string, unknown>;
    ip: string | null;
  };
}

/**
 * The download, or null when PostgreSQL cannot write this file (it does not know the zone):
 * the caller then reads live. Errors before the first byte get a proper error answer.
 */
export async function mirrorCsvExportResponse<Row>(
  request: Request,
  spec: MirrorCsvExport<Row>,
): Promise<Response | null> {
  let slot;
  try {
    slot = tryAcquireExportSlot(spec.userId);
  } catch (err) {
    return exportErrorResponse(err, request);
  }
  if (!slot) return tooManyExports(request);
  const release = slot.release;

  const onEnd = (outcome: CopyOutcome) => {
    release();
    const ending: { completed: boolean; reason?: string; error?: string } =
      outcome.ending === "done"
        ? { completed: true }
        : outcome.ending === "cancelled" || request.signal.aborted
          ? { completed: false, reason: "cancelled" }
          : { completed: false, reason: "error", error: "database" };
    observeExport({
      action: spec.audit.action,
      source: "mirror",
      rows: outcome.rows,
      outcome: ending.completed
        ? "completed"
        : ending.reason === "cancelled"
          ? "cancelled"
          : "failed",
      userId: spec.audit.actor?.id,
      error: ending.error,
    });
    void recordAuditOrLog({
      actor: spec.audit.actor,
      action: spec.audit.action,
      target: null,
      details: { ...spec.audit.details, source: "mirror", rows: outcome.rows, ...ending },
      outcome: outcome.ending === "done" ? "success" : "failure",
      ip: spec.audit.ip,
    });
  };

  let body: ReadableStream<Uint8Array>;
  try {
    const handle = await getDbHandle();
    const copy = { timeZone: spec.timeZone, onEnd, local: handle.kind === "embedded" };
    ({ body } =
      spec.parts && runningExports() === 1
        ? await startPartedCsvCopy(poolOf(handle.db), { ...copy, ...spec.parts })
        : await startCsvCopy(poolOf(handle.db), { ...copy, select: spec.select }));
  } catch (err) {
    release();
    if (err instanceof UnknownZoneError) return null;
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return exportErrorResponse(err, request);
  }

  const reader = body.getReader();
  const onClientGone = () => void reader.cancel(request.signal.reason).catch(() => undefined);
  request.signal.addEventListener("abort", onClientGone, { once: true });
  const header = new TextEncoder().encode(
    createCsvEncoder(spec.columns, { bom: spec.bom }).header(),
  );
  let headerSent = false;

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(header);
          return;
        }
        let next;
        try {
          await yieldToPages(); // pages first when the thread runs late (lib/http/loop-lag.ts)
          next = await reader.read();
        } catch (err) {
          request.signal.removeEventListener("abort", onClientGone);
          throw err; // the download fails: the client sees a broken transfer, not an end
        }
        if (next.done) {
          request.signal.removeEventListener("abort", onClientGone);
          controller.close();
        } else {
          controller.enqueue(next.value);
        }
      },
      async cancel(reason) {
        request.signal.removeEventListener("abort", onClientGone);
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status: 200, headers: csvHeaders(spec.filename) });
}
