import "server-only";
import type { AuditAction } from "./actions";
import { recordAudit } from "./record";
import type { AuditActor } from "./store";

export interface ExportAudit {
  actor: AuditActor | null;
  action: Extract<AuditAction, `export.${string}`>;
  /** The range and filters asked for (from, to, tz, direction…): never the data itself. */
  details: Record<string, unknown>;
  /** The client's address, taken when the request starts (the stream may outlive it). */
  ip: string | null;
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
    // The person cancelling mid-page surfaces as an AbortError from the reader: not a failure.
    const aborted = (err as { name?: unknown } | null)?.name === "AbortError";
    ending = aborted
      ? { completed: false, reason: "cancelled" }
      : { completed: false, reason: "error", error: typeof kind === "string" ? kind : "error" };
    throw err;
  } finally {
    await recordAudit({
      actor: audit.actor,
      action: audit.action,
      target: null,
      details: { ...audit.details, rows, ...ending },
      outcome,
      ip: audit.ip,
    });
  }
}
