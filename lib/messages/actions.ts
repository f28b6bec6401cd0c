"use server";

import type { ActionResult } from "@/lib/action-result";
import { errorViewer } from "@/lib/auth/error-viewer";
import { authorizedAction } from "@/lib/auth/action-client";
import { describeZodError, messageAnswerSchema } from "@/lib/filters/messages";
import { invalidInput } from "@/lib/errors/dashboard";
import { describeError } from "@/lib/mobivate/errors";
import { answerMessages, type MessagesAnswer } from "./answer";

/**
 * One page of messages for the table, with where the answer came from: from the local copy
 * (the whole range sorted, a true total) when it covers the range, else read live (one API
 * page, or a whole-range search). `live: true` reads live on request.
 */
export const listMessagesAction = authorizedAction(
  {
    permission: "messages:read",
    label: "list messages",
    // The page's own schema: days within the span, and a search capped like every whole-range read.
    input: messageAnswerSchema,
    invalid: (error) => invalidInput(describeZodError(error)),
  },
  async ({
    from,
    to,
    tz,
    direction,
    page,
    pageSize,
    sort,
    live,
    ...search
  }): Promise<ActionResult<MessagesAnswer>> => {
    try {
      const data = await answerMessages({
        from,
        to,
        tz,
        direction,
        page,
        pageSize,
        search,
        sort,
        live,
      });
      return { ok: true, data };
    } catch (err) {
      return { ok: false, error: describeError(err, await errorViewer()) };
    }
  },
);
