"use server";

import type { ActionResult } from "@/lib/action-result";
import { errorViewer } from "@/lib/auth/error-viewer";
import { actionGuard } from "@/lib/auth/guards";
import { describeZodError, messageViewSchema } from "@/lib/filters/messages";
import { invalidInput } from "@/lib/errors/dashboard";
import { describeError } from "@/lib/mobivate/errors";
import { listMessages } from "@/lib/mobivate/messages";
import type { MessagePage } from "@/lib/mobivate/types";
import { hasSearch } from "@/lib/search/message-filter";
import { searchMessages } from "@/lib/search/search-messages";
import { zonedDayRangeToApi } from "@/lib/time/range";

/** One page of messages for the table (plus whether a next page exists, and search totals). */
export async function listMessagesAction(input: unknown): Promise<ActionResult<MessagePage>> {
  const denied = await actionGuard("messages:read", "list messages");
  if (denied) return denied;
  // The page's own schema: days within the span, and a search capped like every whole-range read.
  const parsed = messageViewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalidInput(describeZodError(parsed.error)) };
  const { from, to, tz, direction, page, pageSize, ...search } = parsed.data;
  try {
    const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
    const q = { startDate, endDate, direction, page, pageSize };
    // Plain browsing asks the API for one page; a search must read the whole range.
    const data = hasSearch(search) ? await searchMessages(q, search) : await listMessages(q);
    return { ok: true, data };
  } catch (err) {
    return { ok: false, error: describeError(err, await errorViewer()) };
  }
}
