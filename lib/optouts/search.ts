import "server-only";
import { getDb } from "@/lib/db";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import { searchMirrorOptOuts } from "@/lib/mirror/optouts";
import { optOutSourceFor } from "@/lib/mirror/source";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { allTimeOptOutRange } from "./all-time";
import { searchOptOuts } from "./list";
import { SEARCH_ROW_LIMIT, type OptOutSearchResult } from "./types";

// "Is this number opted out?": over all time by default (a number opted out last month is
// opted out today), or over the chosen days. From the local copy of the list when it is
// fresh, else by reading the list live; both give the same matches in the same order.

export type OptOutSearchScope = "all" | "days";

export interface OptOutSearchAnswer extends OptOutSearchResult {
  scope: OptOutSearchScope;
  source: AnswerSource;
}

export async function searchOptOutsAnswer(input: {
  from: string;
  to: string;
  tz: string;
  number: string;
  scope: OptOutSearchScope;
  live?: boolean;
}): Promise<OptOutSearchAnswer> {
  const source = await optOutSourceFor({ live: input.live });
  const days = input.scope === "days" ? zonedDayRangeToApi(input.from, input.to, input.tz) : null;
  if (source.kind === "mirror") {
    const found = await searchMirrorOptOuts(await getDb(), input.number, {
      range: days ? { startMs: days.startMs, endMs: days.endMs } : undefined,
      limit: SEARCH_ROW_LIMIT,
    });
    return { ...found, truncated: found.total > found.rows.length, scope: input.scope, source };
  }
  const range = days ?? allTimeOptOutRange(Date.now());
  const found = await searchOptOuts(range, input.number);
  return { ...found, scope: input.scope, source };
}
