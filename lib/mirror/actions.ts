"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { AuditWriteError } from "@/lib/audit/audit-error";
import { auditedTransaction, recordAuditOrLog } from "@/lib/audit/record";
import { authorizedAction } from "@/lib/auth/action-client";
import { getCurrentUser } from "@/lib/auth/guards";
import { getDbHandle } from "@/lib/db";
import { requestSyncNow } from "./scheduler";
import { syncEnabled } from "./settings";
import { SYNC_LOCK_KEY } from "./state";
import { WIPE_CONFIRMATION } from "./wipe-confirmation";
import { wipeMirror } from "./write";

// The Sync page's two buttons (admin): start a cycle now, and wipe the copy. Both audited.

const OFF = {
  ok: false as const,
  error: {
    kind: "bad-request" as const,
    status: 400,
    message: "The local copy is turned off (DASHBOARD_SYNC=0): there is nothing to sync.",
  },
};

async function actor() {
  const user = await getCurrentUser();
  return user ? { id: user.id, email: user.email } : null;
}

export const syncNowAction = authorizedAction(
  { permission: "sync:manage", label: "syncNow", input: z.object({}) },
  async (): Promise<ActionResult<{ message: string }>> => {
    if (!syncEnabled()) return OFF;
    await requestSyncNow();
    await recordAuditOrLog({ actor: await actor(), action: "sync.now", outcome: "success" });
    revalidatePath("/admin/sync");
    return { ok: true, data: { message: "Sync started." } };
  },
);

export const wipeMirrorAction = authorizedAction(
  {
    permission: "sync:manage",
    label: "wipeMirror",
    input: z.object({
      confirm: z.literal(WIPE_CONFIRMATION, {
        error: `Type "${WIPE_CONFIRMATION}" to confirm: every copied message and opt-out is deleted.`,
      }),
    }),
  },
  async (): Promise<ActionResult<{ message: string }>> => {
    const handle = await getDbHandle();
    // Not while a cycle is writing: it would put back what was just deleted.
    const wiped = await handle
      .withConnection(async (conn) => {
        const { rows } = await conn.query("select pg_try_advisory_lock($1) as ok", [SYNC_LOCK_KEY]);
        if (rows[0]?.ok !== true) return false;
        try {
          await auditedTransaction(
            { actor: await actor(), action: "sync.wipe", outcome: "success" },
            (tx) => wipeMirror(tx),
          );
          return true;
        } finally {
          await conn.query("select pg_advisory_unlock($1)", [SYNC_LOCK_KEY]);
        }
      })
      .catch((err: unknown) => {
        if (err instanceof AuditWriteError) return "not-audited" as const;
        throw err;
      });
    if (wiped === "not-audited") {
      return {
        ok: false,
        error: {
          kind: "internal",
          message: "The audit log could not record the wipe, so nothing was deleted.",
        },
      };
    }
    if (!wiped) {
      return {
        ok: false,
        error: {
          kind: "busy",
          status: 409,
          message: "A sync is running right now. Wait for it to finish, then wipe.",
        },
      };
    }
    revalidatePath("/admin/sync");
    return {
      ok: true,
      data: {
        message: syncEnabled()
          ? "The local copy is empty. The next sync copies everything again, newest days first."
          : "The local copy is empty.",
      },
    };
  },
);
