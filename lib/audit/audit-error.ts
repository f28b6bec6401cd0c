import type { AuditAction } from "./action-names";

// The audit log's failure, apart from lib/audit/record.ts (server-only, often mocked in tests)
// so any caller can recognise it.

/** For the person when the entry was to be written before (or with) the change. */
export const AUDIT_REFUSED_MESSAGE =
  "The audit log could not record this, so nothing was changed. Try again; if it keeps failing, tell an admin (the server log has the details).";
/** For the person when the change was already made and only its entry is missing. */
export const AUDIT_MISSED_MESSAGE =
  "The change was made, but the audit log could not record it. Tell an admin (the server log has the details).";

/**
 * The audit log could not record an entry (after one retry). The message is in words for the
 * person whose action it was (nothing changed); the database's error is the cause (server log).
 */
export class AuditWriteError extends Error {
  constructor(
    readonly action: AuditAction,
    options: { cause: unknown },
  ) {
    super(AUDIT_REFUSED_MESSAGE, options);
    this.name = "AuditWriteError";
  }
}
