import "server-only";
import { observeExport } from "@/lib/observability/exports";
import type { AuditAction } from "./action-names";
import { recordAuditOrLog } from "./record";
import type { AuditActor } from "./store";

export interface ExportAudit {
  actor: AuditActor | null;
  action: Extract<AuditAction, `export.${string}`>;
  /** The range and filters asked for (from, to, tz, direction…): never the data itself. */
  details: Record<string, unknown>;
  /** The client's address, taken when the request starts (the stream may outlive it). */
  ip: string | null;
  /**
   * The download's own signal (what `open(signal)` receives, or the request's): aborted when
   * the person cancelled or stopped reading. An error while it is aborted is a cancellation,
   * whatever its name: Next aborts with a "ResponseAborted" error, not an AbortError.
   */
  signal: AbortSignal;
}

/**
 * Passes a CSV export's batches through unchanged and writes one audit entry when the
 * download ends: rows sent, and whether it completed, failed (the error kind only) or was
 * cancelled by the person. Wrap what `open()` returns in a CSV route handler.
 */
export async function* auditExport<Row>(
  batches: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>,
  audit: ExportAudit,
): AsyncGenerator<Row[], void, undefined> {
  let rows = 0;
  let outcome: "success" | "failure" = "failure";
  let ending: Record<string, unknown> = { completed: false, reason: "cancelled" };
  try {
    for await (const batch of batches) {
      rows += batch.length;
      yield batch as Row[];
    }
    outcome = "success";
    ending = { completed: true };
  } catch (err) {
    const kind = (err as { kind?: unknown } | null)?.kind;
    // Decided by who stopped, not by the error's name: the reader rethrows whatever reason the
    // signal was aborted with (Next's ResponseAborted, a DOMException, a plain Error).
    ending = audit.signal.aborted
      ? { completed: false, reason: "cancelled" }
      : { completed: false, reason: "error", error: typeof kind === "string" ? kind : "error" };
    throw err;
  } finally {
    // The download is over (sent, failed or cancelled) and changed nothing: a failed audit
    // write is retried and logged loudly, but never thrown, because throwing here would turn
    // a completed download into a broken one (the last bytes are flushed after this) and
    // could not undo what was sent.
    observeExport({
      action: audit.action,
      source: "live",
      rows,
      outcome:
        outcome === "success"
          ? "completed"
          : ending.reason === "cancelled"
            ? "cancelled"
            : "failed",
      userId: audit.actor?.id,
      error: typeof ending.error === "string" ? ending.error : undefined,
    });
    await recordAuditOrLog({
      actor: audit.actor,
      action: audit.action,
      target: null,
      details: { ...audit.details, rows, ...ending },
      outcome,
      ip: audit.ip,
    });
  }
}
