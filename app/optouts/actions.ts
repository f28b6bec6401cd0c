"use server";

import type { ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit/record";
import { actionGuard, getCurrentUser } from "@/lib/auth/guards";
import { describeZodError } from "@/lib/filters/messages";
import {
  listedMobileActionSchema,
  mobileActionSchema,
  optOutListSchema,
  optOutSearchSchema,
} from "@/lib/filters/optouts";
import { describeError, type ApiErrorInfo } from "@/lib/mobivate/errors";
import { addOptOut, removeOptOut } from "@/lib/mobivate/optouts";
import type { OptOut } from "@/lib/mobivate/types";
import { listOptOuts, searchOptOuts } from "@/lib/optouts/list";
import type { OptOutPage, OptOutSearchResult } from "@/lib/optouts/types";
import { zonedDayRangeToApi } from "@/lib/time/range";
import type { z } from "zod";

// Small actions: validate with the shared schemas, call lib/, return a typed result. They
// never throw, so the browser always gets words it can show.

function invalid(error: z.ZodError): { ok: false; error: ApiErrorInfo } {
  return {
    ok: false,
    error: { kind: "bad-request", status: 400, message: describeZodError(error) },
  };
}

/** One page of the opt-outs of a range (plus whether a next page exists). */
export async function listOptOutsAction(input: unknown): Promise<ActionResult<OptOutPage>> {
  const denied = await actionGuard("optouts:read", "list opt-outs");
  if (denied) return denied;
  const parsed = optOutListSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { from, to, tz, page, pageSize } = parsed.data;
  try {
    const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
    return { ok: true, data: await listOptOuts({ startDate, endDate, page, pageSize }) };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

/** Every opt-out of the whole range whose number contains the searched digits. */
export async function searchOptOutsAction(
  input: unknown,
): Promise<ActionResult<OptOutSearchResult>> {
  const denied = await actionGuard("optouts:read", "search opt-outs");
  if (denied) return denied;
  const parsed = optOutSearchSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { from, to, tz, number } = parsed.data;
  try {
    const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
    return { ok: true, data: await searchOptOuts({ startDate, endDate }, number) };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

/** Opts a number out. A refusal carries the API's own message (e.g. "Invalid mobile number"). */
export async function addOptOutAction(input: unknown): Promise<ActionResult<OptOut>> {
  const denied = await actionGuard("optouts:write", "add opt-out");
  if (denied) return denied;
  const parsed = mobileActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return audited("optout.add", parsed.data.mobile, () => addOptOut(parsed.data.mobile));
}

/** Runs an opt-out change and writes who did it, to which number, and how it went. */
async function audited(
  action: "optout.add" | "optout.remove",
  mobile: string,
  change: () => Promise<OptOut>,
): Promise<ActionResult<OptOut>> {
  const user = await getCurrentUser();
  const actor = user ? { id: user.id, email: user.email } : null;
  try {
    const data = await change();
    await recordAudit({
      actor,
      action,
      target: mobile,
      details: { note: data.note },
      outcome: "success",
    });
    return { ok: true, data };
  } catch (err) {
    const error = describeError(err);
    await recordAudit({
      actor,
      action,
      target: mobile,
      details: { error: error.message },
      outcome: "failure",
    });
    return { ok: false, error };
  }
}

/** Removes a number's opt-out (the number as the list showed it). */
export async function removeOptOutAction(input: unknown): Promise<ActionResult<OptOut>> {
  const denied = await actionGuard("optouts:write", "remove opt-out");
  if (denied) return denied;
  const parsed = listedMobileActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return audited("optout.remove", parsed.data.mobile, () => removeOptOut(parsed.data.mobile));
}
