"use server";

import type { ActionResult } from "@/lib/action-result";
import { describeZodError, messageListSchema } from "@/lib/filters/messages";
import { describeError } from "@/lib/mobivate/errors";
import { listMessages } from "@/lib/mobivate/messages";
import type { MessagePage } from "@/lib/mobivate/types";
import { zonedDayRangeToApi } from "@/lib/time/range";

/** One page of messages for the browsing table (plus whether a next page exists). */
export async function listMessagesAction(input: unknown): Promise<ActionResult<MessagePage>> {
  const parsed = messageListSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: { kind: "bad-request", status: 400, message: describeZodError(parsed.error) },
    };
  }
  const { from, to, tz, direction, page, pageSize } = parsed.data;
  try {
    const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
    const data = await listMessages({ startDate, endDate, direction, page, pageSize });
    return { ok: true, data };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}
