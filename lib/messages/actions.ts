"use server";

import type { ActionResult } from "@/lib/action-result";
import { errorViewer } from "@/lib/auth/error-viewer";
import { authorizedAction } from "@/lib/auth/action-client";
import { describeZodError, messageViewSchema } from "@/lib/filters/messages";
import { invalidInput } from "@/lib/errors/dashboard";
import { describeError } from "@/lib/mobivate/errors";
import { listMessages } from "@/lib/mobivate/messages";
import type { MessagePage } from "@/lib/mobivate/types";
import { hasSearch } from "@/lib/search/message-filter";
import { searchMessages } from "@/lib/search/search-messages";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";

/** One page of messages for the table (plus whether a next page exists, and search totals). */
export const listMessagesAction = authorizedAction(
  {
    permission: "messages:read",
    label: "list messages",
    // The page's own schema: days within the span, and a search capped like every whole-range read.
    input: messageViewSchema,
    invalid: (error) => invalidInput(describeZodError(error)),
  },
  async ({
    from,
    to,
    tz,
    direction,
    page,
    pageSize,
    ...search
  }): Promise<ActionResult<MessagePage>> => {
    try {
      const { startDate, endDate } = zonedDayRangeToApi(from, to, tz);
      const q = { startDate, endDate, direction, page, pageSize };
      // Plain browsing asks the API for one page; a search must read the whole range.
      const data = hasSearch(search)
        ? await searchMessages(q, search)
        : await listMessages(q, { cfg: resolveMobivateConfig });
      return { ok: true, data };
    } catch (err) {
      return { ok: false, error: describeError(err, await errorViewer()) };
    }
  },
);
