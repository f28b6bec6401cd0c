import "server-only";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/request-info";
import { getDb } from "@/lib/db";
import { safeErrorText } from "@/lib/db/safe-error";
import { insertAudit, type AuditEntry } from "./store";

export type { AuditActor, AuditEntry } from "./store";

async function requestIp(): Promise<string | null> {
  try {
    return clientIp(await headers());
  } catch {
    return null; // outside a request (e.g. a stream finishing after the response ended)
  }
}

/**
 * Writes one audit entry. Never throws: a failed audit write is logged on the server (without
 * the details, which may name customers) and the user's action goes on.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    const ip = entry.ip === undefined ? await requestIp() : entry.ip;
    await insertAudit(await getDb(), { ...entry, ip });
  } catch (err) {
    console.error(`Audit write failed for ${entry.action}: ${safeErrorText(err)}`);
  }
}
