"use server";
import { log } from "@/lib/observability/logger";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { AuditWriteError } from "@/lib/audit/audit-error";
import { auditedTransaction, recordAuditOrLog } from "@/lib/audit/record";
import { getAuthEnv } from "@/lib/auth/env";
import { authorizedAction } from "@/lib/auth/action-client";
import { getCurrentUser } from "@/lib/auth/guards";
import { safeErrorText } from "@/lib/db/safe-error";
import { testApiKey } from "@/lib/mobivate/auth";
import { describeError } from "@/lib/mobivate/errors";
import { maskSecret } from "@/lib/settings/crypto";
import type { MobivateConfig } from "@/lib/mobivate/config";
import {
  invalidateMobivateConfigCache,
  mobivateTuning,
  resolveMobivateConfig,
} from "@/lib/settings/mobivate-config";
import { clearStoredMobivate, writeStoredMobivate } from "@/lib/settings/mobivate-key";
import { saveKeySchema, testKeySchema } from "@/lib/settings/schemas";

// Admin-only. The key goes browser → server here and is never sent back: results carry
// words and the masked form only. A change and its audit entry are written in one database
// transaction: if the audit log cannot record it, the change is not made either.

type Failure = Extract<ActionResult<never>, { ok: false }>;

function invalid(message: string | undefined): Failure {
  return {
    ok: false,
    error: { kind: "bad-request", status: 400, message: message ?? "Check the form." },
  };
}

/** The audit log refused the entry: the transaction rolled back, nothing changed. */
function notAudited(err: AuditWriteError): Failure {
  return { ok: false, error: { kind: "internal", message: err.message } };
}

async function actor() {
  const user = await getCurrentUser();
  return user ? { id: user.id, email: user.email } : null;
}

export const testKeyAction = authorizedAction(
  { permission: "settings:manage", label: "testKey", input: testKeySchema },
  async (input): Promise<ActionResult<{ message: string }>> => {
    const { baseUrl, apiKey } = input;
    let details: Record<string, unknown> = { baseUrl, key: apiKey ? "entered" : "in use" };
    try {
      const current = apiKey ? null : await resolveMobivateConfig().catch(() => null);
      // One quick retry at most: a person is waiting for the answer.
      let cfg: MobivateConfig;
      if (apiKey) cfg = { ...mobivateTuning(), baseUrl, apiKey, maxRetries: 1 };
      else if (current) cfg = { ...current, maxRetries: 1 };
      else return invalid("Enter a key to test: none is configured yet.");
      details = { ...details, baseUrl: cfg.baseUrl };
      const answer = await testApiKey({ cfg });
      // A key test changes nothing (GET /auth/test) and has already happened: a failed audit
      // write is retried and logged, and the person still gets the answer.
      await recordAuditOrLog({
        actor: await actor(),
        action: "settings.key_test",
        details,
        outcome: "success",
      });
      return {
        ok: true,
        data: { message: `The key works: Mobivate answered “${answer.slice(0, 200)}”.` },
      };
    } catch (err) {
      const info = describeError(err);
      await recordAuditOrLog({
        actor: await actor(),
        action: "settings.key_test",
        details: { ...details, error: info.kind, status: info.status ?? null },
        outcome: "failure",
      });
      return { ok: false, error: info };
    }
  },
);

export const saveKeyAction = authorizedAction(
  { permission: "settings:manage", label: "saveKey", input: saveKeySchema },
  async (input): Promise<ActionResult<{ maskedKey: string }>> => {
    try {
      const me = await actor();
      const maskedKey = maskSecret(input.apiKey);
      await auditedTransaction(
        {
          actor: me,
          action: "settings.key_change",
          details: { baseUrl: input.baseUrl, key: maskedKey },
          outcome: "success",
        },
        (tx) => writeStoredMobivate(tx, getAuthEnv().DASHBOARD_SECRET, input, me?.id ?? null),
      );
      invalidateMobivateConfigCache();
      revalidatePath("/settings");
      return { ok: true, data: { maskedKey } };
    } catch (err) {
      if (err instanceof AuditWriteError) return notAudited(err);
      log().error(`Saving the API key failed: ${safeErrorText(err)}`);
      return {
        ok: false,
        error: { kind: "internal", message: "The key could not be saved. Try again." },
      };
    }
  },
);

export const clearKeyAction = authorizedAction(
  { permission: "settings:manage", label: "clearKey" },
  async (): Promise<ActionResult<null>> => {
    try {
      await auditedTransaction(
        { actor: await actor(), action: "settings.key_clear", outcome: "success" },
        (tx) => clearStoredMobivate(tx),
      );
      invalidateMobivateConfigCache();
      revalidatePath("/settings");
      return { ok: true, data: null };
    } catch (err) {
      if (err instanceof AuditWriteError) return notAudited(err);
      log().error(`Removing the API key failed: ${safeErrorText(err)}`);
      return {
        ok: false,
        error: { kind: "internal", message: "The key could not be removed. Try again." },
      };
    }
  },
);
