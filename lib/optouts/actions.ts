"use server";

import type { ActionResult } from "@/lib/action-result";
import type { CountryCode } from "libphonenumber-js/min";
import { AuditWriteError } from "@/lib/audit/audit-error";
import { recordAudit, recordAuditOrLog } from "@/lib/audit/record";
import { errorViewer } from "@/lib/auth/error-viewer";
import { authorizedAction } from "@/lib/auth/action-client";
import { getCurrentUser } from "@/lib/auth/guards";
import { describeZodError } from "@/lib/filters/messages";
import {
  listedMobileActionSchema,
  mobileActionSchema,
  optOutListSchema,
  optOutSearchSchema,
} from "@/lib/filters/optouts";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import { describeError } from "@/lib/mobivate/errors";
import { addOptOut, removeOptOut } from "@/lib/mobivate/optouts";
import type { OptOut } from "@/lib/mobivate/types";
import { getEnv } from "@/lib/env";
import { createdBefore, optedOutRecently } from "@/lib/optouts/existing";
import { listOptOuts } from "@/lib/optouts/list";
import { searchOptOutsAnswer, type OptOutSearchAnswer } from "@/lib/optouts/search";
import { normaliseMobile } from "@/lib/phone/normalise";
import type { OptOutPage } from "@/lib/optouts/types";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";
import type { z } from "zod";

// Small actions: validate with the shared schemas, call lib/, return a typed result. They
// never throw, so the browser always gets words it can show.

function invalid(error: z.ZodError): ApiErrorInfo {
  return { kind: "bad-request", status: 400, message: describeZodError(error) };
}

/** One page of the opt-outs of a range (plus whether a next page exists). */
export const listOptOutsAction = authorizedAction(
  { permission: "optouts:read", label: "list opt-outs", input: optOutListSchema, invalid },
  async ({ from, to, tz, page, pageSize }): Promise<ActionResult<OptOutPage>> => {
    try {
      const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
      return { ok: true, data: await listOptOuts({ startDate, endDate, page, pageSize }) };
    } catch (err) {
      return { ok: false, error: describeError(err, await errorViewer()) };
    }
  },
);

/**
 * Every opt-out whose number contains the searched digits: of all time (the default), or of
 * the chosen days. From the local copy when it is fresh, else read live.
 */
export const searchOptOutsAction = authorizedAction(
  { permission: "optouts:read", label: "search opt-outs", input: optOutSearchSchema, invalid },
  async (input): Promise<ActionResult<OptOutSearchAnswer>> => {
    try {
      return { ok: true, data: await searchOptOutsAnswer(input) };
    } catch (err) {
      return { ok: false, error: describeError(err, await errorViewer()) };
    }
  },
);

/** What adding an opt-out returns: the record, and whether it was there before. */
export type AddedOptOut = OptOut & { alreadyOptedOut: boolean };

/**
 * Opts a number out. National numbers ("0412 345 678") are converted with
 * DASHBOARD_DEFAULT_COUNTRY or refused with the reason. A refusal by the API carries its
 * own message (e.g. "Invalid mobile number").
 */
export const addOptOutAction = authorizedAction(
  { permission: "optouts:write", label: "add opt-out", input: mobileActionSchema, invalid },
  async (input): Promise<ActionResult<AddedOptOut>> => {
    let country;
    try {
      country = getEnv().DASHBOARD_DEFAULT_COUNTRY as CountryCode | undefined;
    } catch (err) {
      return { ok: false, error: describeError(err, await errorViewer()) };
    }
    const normalised = normaliseMobile(input.mobile, country);
    if (!normalised.ok) {
      return { ok: false, error: { kind: "bad-request", status: 400, message: normalised.reason } };
    }
    const { mobile } = normalised;
    const typed = normalised.from === "national" ? { typed: input.mobile, country } : {};
    const startedAt = Date.now();
    return audited("add", mobile, typed, async () => {
      // Repeating an opt-out changes nothing: logged and shown as "already opted out".
      const recent = await optedOutRecently(mobile, startedAt);
      const data = await addOptOut(mobile, { cfg: resolveMobivateConfig });
      return { ...data, alreadyOptedOut: recent || createdBefore(data.created, startedAt) };
    });
  },
);

/**
 * Runs an opt-out change at Mobivate with its audit entries. The request is recorded BEFORE
 * the API is called: if the audit log cannot record it, nothing is sent and the person is
 * told, so a change at the provider never happens unaudited. The outcome is recorded after;
 * if that write fails the request entry still names who changed which number, so it is
 * logged (not thrown) and the person gets the real result.
 */
async function audited<T extends OptOut & { alreadyOptedOut?: boolean }>(
  kind: "add" | "remove",
  mobile: string,
  details: Record<string, unknown>,
  change: () => Promise<T>,
): Promise<ActionResult<T>> {
  const user = await getCurrentUser();
  const actor = user ? { id: user.id, email: user.email } : null;
  try {
    await recordAudit({
      actor,
      action: kind === "add" ? "optout.add_requested" : "optout.remove_requested",
      target: mobile,
      details,
      outcome: "attempt",
    });
  } catch (err) {
    if (err instanceof AuditWriteError) {
      return { ok: false, error: { kind: "internal", message: err.message } };
    }
    throw err;
  }
  try {
    const data = await change();
    await recordAuditOrLog({
      actor,
      action: data.alreadyOptedOut
        ? "optout.already"
        : kind === "add"
          ? "optout.add"
          : "optout.remove",
      target: mobile,
      details: { ...details, note: data.note, created: data.created },
      outcome: "success",
    });
    return { ok: true, data };
  } catch (err) {
    const error = describeError(err);
    await recordAuditOrLog({
      actor,
      action: kind === "add" ? "optout.add" : "optout.remove",
      target: mobile,
      details: { ...details, error: error.message },
      outcome: "failure",
    });
    return { ok: false, error };
  }
}

/** Removes a number's opt-out (the number as the list showed it). */
export const removeOptOutAction = authorizedAction(
  {
    permission: "optouts:write",
    label: "remove opt-out",
    input: listedMobileActionSchema,
    invalid,
  },
  async ({ mobile }): Promise<ActionResult<OptOut>> =>
    audited("remove", mobile, {}, () => removeOptOut(mobile, { cfg: resolveMobivateConfig })),
);
