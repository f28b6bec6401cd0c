import "server-only";
import { getDb } from "@/lib/db";
import { DEFAULT_MESSAGE_SORT, type MessageSort } from "@/lib/filters/sort";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import { listMirrorMessages } from "@/lib/mirror/messages/list";
import { syncSettings } from "@/lib/mirror/settings";
import { answerSourceFor } from "@/lib/mirror/source";
import { readState } from "@/lib/mirror/state";
import { listMessages } from "@/lib/mobivate/messages";
import type { MessagePage } from "@/lib/mobivate/types";
import { hasSearch, type MessageSearch } from "@/lib/search/message-filter";
import { searchMessages } from "@/lib/search/search-messages";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";

// One answer of the Messages page: from the local copy when it covers the range (sorted on
// the server, with a true total), else read live as before the copy existed.

export interface MessagesAnswer extends MessagePage {
  source: AnswerSource;
  /** The order of the whole range (answers from the copy); null: the page as the API lists it. */
  sort: MessageSort | null;
  /** False when the copy keeps no message text (bodies read as empty). */
  textKept: boolean;
}

export interface MessagesQuestion {
  from: string;
  to: string;
  tz: string;
  direction?: "MO" | "MT";
  page: number;
  pageSize: number;
  search: MessageSearch;
  sort?: MessageSort;
  live?: boolean;
}

/** Whether the copy keeps message text (DASHBOARD_SYNC_BODIES, and what the syncer did). */
async function bodiesKept(): Promise<boolean> {
  if (!syncSettings().bodies) return false;
  const state = await readState(await getDb());
  return state?.bodies !== false;
}

export async function answerMessages(q: MessagesQuestion): Promise<MessagesAnswer> {
  const range = zonedDayRangeToApi(q.from, q.to, q.tz);
  let source = await answerSourceFor(range, { live: q.live });
  const textKept = source.kind === "live" || (await bodiesKept());
  // Text search needs the text: a copy without it sends the search to the API.
  if (source.kind === "mirror" && q.search.q && !textKept) {
    source = { kind: "live", reason: "no-bodies" };
  }
  if (source.kind === "mirror") {
    const sort = q.sort ?? DEFAULT_MESSAGE_SORT;
    const { rows, total } = await listMirrorMessages(await getDb(), {
      startMs: range.startMs,
      endMs: range.endMs,
      direction: q.direction,
      search: q.search,
      sort,
      page: q.page,
      pageSize: q.pageSize,
    });
    return {
      rows,
      page: q.page,
      pageSize: q.pageSize,
      hasNextPage: (q.page - 1) * q.pageSize + rows.length < total,
      total,
      source,
      sort,
      textKept,
    };
  }
  const api = {
    startDate: range.startDate,
    endDate: range.endDate,
    direction: q.direction,
    page: q.page,
    pageSize: q.pageSize,
  };
  // Plain browsing asks the API for one page; a search must read the whole range.
  const page = hasSearch(q.search)
    ? await searchMessages(api, q.search)
    : await listMessages(api, { cfg: resolveMobivateConfig });
  return { ...page, source, sort: null, textKept: true };
}
