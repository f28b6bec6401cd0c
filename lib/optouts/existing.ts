import "server-only";
import { fetchOptOutPage } from "@/lib/mobivate/optouts";
import { formatApiDate } from "@/lib/time/format";
import { phoneKey } from "@/lib/phone/number";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";

// Whether adding an opt-out would only repeat one that exists. The API answers a repeated add
// with the existing record (the sandbox does; the provider documents no duplicate answer) and
// has no lookup by number, so two signs are combined:
// - before the add, the opt-outs created in the last few minutes are read (one small page):
//   a number in it was just added (e.g. the person clicked twice);
// - after the add, a record created well before we asked was there already.
// The margin covers clock differences between Mobivate and this server.
export const ALREADY_MARGIN_MS = 5 * 60_000;

/** Best effort: true when `mobile` is among the opt-outs of the last ALREADY_MARGIN_MS. */
export async function optedOutRecently(mobile: string, nowMs = Date.now()): Promise<boolean> {
  try {
    const recent = await fetchOptOutPage(
      {
        startDate: formatApiDate(nowMs - ALREADY_MARGIN_MS, "UTC"),
        endDate: formatApiDate(nowMs + ALREADY_MARGIN_MS, "UTC"),
        page: 1,
        pageSize: 1000,
      },
      { cfg: resolveMobivateConfig },
    );
    const wanted = phoneKey(mobile);
    return recent.some((o) => phoneKey(o.mobile) === wanted);
  } catch {
    return false; // the add itself still runs and reports any API problem
  }
}

/** The add's answer is a record created before the request (minus the clock margin). */
export function createdBefore(createdMs: number, requestedAtMs: number): boolean {
  return createdMs < requestedAtMs - ALREADY_MARGIN_MS;
}
