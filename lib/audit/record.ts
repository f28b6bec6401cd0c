import "server-only";
import { log } from "@/lib/observability/logger";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/request-info";
import { getDb, type Db } from "@/lib/db";
import { safeErrorText } from "@/lib/db/safe-error";
import { insertAudit, type AuditEntry } from "./store";

import { AuditWriteError } from "./audit-error";

export type { AuditActor, AuditEntry } from "./store";
export { AUDIT_MISSED_MESSAGE, AUDIT_REFUSED_MESSAGE, AuditWriteError } from "./audit-error";

async function requestIp(): Promise<string | null> {
  try {
    return clientIp(await headers());
  } catch {
    return null; // outside a request (e.g. a stream finishing after the response ended)
  }
}

async function withIp(entry: AuditEntry): Promise<AuditEntry> {
  return { ...entry, ip: entry.ip === undefined ? await requestIp() : entry.ip };
}

/** One retry: a dropped connection or a lock timeout usually passes the second time. */
const ATTEMPTS = 2;

/**
 * Writes one audit entry, retrying once. Throws AuditWriteError when it cannot: a change that
 * must be audited is then refused or reported, never done silently unrecorded. Call it BEFORE
 * a change that cannot be rolled back (a provider call), or use auditedTransaction.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const full = await withIp(entry);
  let last: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      await insertAudit(await getDb(), full);
      return;
    } catch (err) {
      last = err;
      log().error(
        `Audit write failed for ${entry.action} (attempt ${attempt} of ${ATTEMPTS}): ${safeErrorText(err)}`,
      );
    }
  }
  throw new AuditWriteError(entry.action, { cause: last });
}

/**
 * For entries that record something already over and changed nothing (a download that
 * finished, a refused access): a failure is retried and logged, never thrown, because
 * failing the request afterwards cannot undo it and would only break what the person got.
 * Returns whether the entry was written.
 */
export async function recordAuditOrLog(entry: AuditEntry): Promise<boolean> {
  try {
    await recordAudit(entry);
    return true;
  } catch (err) {
    log().error(`Audit entry ${entry.action} LOST after retry: ${safeErrorText(err)}`);
    return false;
  }
}

/**
 * Runs a database change and writes its audit entry in ONE transaction: either both are
 * stored or neither is. Retried once as a whole. A failed audit insert throws AuditWriteError
 * (the change was rolled back); a failure of the change itself is rethrown as it is.
 */
export async function auditedTransaction<T>(
  entry: AuditEntry,
  change: (tx: Db) => Promise<T>,
): Promise<T> {
  const ip = await requestIp();
  let last: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let auditFailed = false;
    try {
      const db = await getDb();
      return await db.transaction(async (tx) => {
        const result = await change(tx as unknown as Db);
        try {
          await insertAudit(tx as unknown as Db, {
            ...entry,
            ip: entry.ip === undefined ? ip : entry.ip,
          });
        } catch (err) {
          auditFailed = true;
          throw err;
        }
        return result;
      });
    } catch (err) {
      last = err;
      log().error(
        `Audited change failed (attempt ${attempt} of ${ATTEMPTS}, ${auditFailed ? "audit insert" : "change"}): ${safeErrorText(err)}`,
      );
      if (attempt === ATTEMPTS && auditFailed)
        throw new AuditWriteError(entry.action, { cause: err });
    }
  }
  throw last;
}
