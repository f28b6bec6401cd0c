import "server-only";
import { readAllMessages, readAllOptOuts, type ReadProgress } from "@/lib/mobivate/read-range";
import type { Message } from "@/lib/mobivate/types";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import { complianceFromMirror } from "@/lib/mirror/answers/compliance";
import { createReportCache } from "@/lib/report/cache";
import { answerFromMirror } from "@/lib/report/from-mirror";
import { apiRangeKey } from "@/lib/report/read-messages";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { createComplianceCollector } from "./collect";
import { OPT_OUT_HISTORY_START } from "./history";
import { matchSentAfterOptOut, OptOutIndex, type SentAfterOptOut } from "./match";
import type { ComplianceProgress, ComplianceQuery, ComplianceResult } from "./types";

export { OPT_OUT_HISTORY_START };

// Fewer cached reports than Spend: a report holds up to REPORT_ROW_LIMIT messages.
const cache = createReportCache<ComplianceQuery, ComplianceResult>(10, (q) => apiRangeKey(q));

export const cachedCompliance = cache.get;
/** Test hook: forget every cached report. */
export const clearComplianceCache = cache.clear;

export interface ReadComplianceOptions {
  signal?: AbortSignal;
  onProgress?: (p: ComplianceProgress) => void;
  concurrency?: number;
}

/** One page of outgoing messages with the matches found in it. */
export interface CheckedPage {
  messages: Message[];
  matches: SentAfterOptOut[];
}

export interface CheckedPages extends AsyncGenerator<CheckedPage, void, undefined> {
  /** Pages and opt-outs read so far (complete once the generator is done). */
  readonly stats: { optOuts: number; optOutPages: number; pages: number; elapsedMs: number };
}

/**
 * Reads the whole opt-out list up to the end of the range into an index, then every
 * outgoing message of the range, yielding each page with its matches. The first `next()`
 * reads the opt-outs and the first message page, so a rejected key or a refused range
 * fails it before anything was sent to a client. Any page that fails for good fails the
 * whole read: a partial report is never presented as complete.
 */
export function checkedPages(q: ComplianceQuery, opts: ReadComplianceOptions = {}): CheckedPages {
  const api = zonedDayRangeToApi(q.from, q.to, q.tz);
  const started = Date.now();
  const stats = { optOuts: 0, optOutPages: 0, pages: 0, elapsedMs: 0 };
  const report = (phase: ComplianceProgress["phase"], p: ReadProgress | undefined) => {
    if (p && phase === "optouts") {
      stats.optOuts = p.records;
      stats.optOutPages = p.pages;
    } else if (p) {
      stats.pages = p.pages;
    }
    stats.elapsedMs = Date.now() - started;
    opts.onProgress?.({
      phase,
      optOuts: stats.optOuts,
      records: phase === "messages" ? (p?.records ?? 0) : 0,
      pages: stats.pages,
    });
  };

  async function* run(): AsyncGenerator<CheckedPage, void, undefined> {
    report("optouts", undefined);
    const index = new OptOutIndex();
    const optOutPages = readAllOptOuts(
      { startDate: OPT_OUT_HISTORY_START, endDate: api.endDate },
      {
        cfg: resolveMobivateConfig,
        signal: opts.signal,
        concurrency: opts.concurrency,
        onProgress: (p) => report("optouts", p),
      },
    );
    for await (const page of optOutPages) index.add(page);

    report("messages", { records: 0, pages: 0, elapsedMs: 0 });
    const messagePages = readAllMessages(
      { startDate: api.startDate, endDate: api.endDate, direction: "MT" },
      {
        cfg: resolveMobivateConfig,
        signal: opts.signal,
        concurrency: opts.concurrency,
        onProgress: (p) => report("messages", p),
      },
    );
    for await (const messages of messagePages) {
      yield { messages, matches: matchSentAfterOptOut(messages, index) };
    }
    stats.elapsedMs = Date.now() - started;
  }

  return Object.assign(run(), { stats });
}

/**
 * The report of the range: from the local copy when `source` says so, else read live and
 * built (and kept in the server's cache for a few minutes).
 */
export async function readCompliance(
  q: ComplianceQuery,
  opts: ReadComplianceOptions & { source: AnswerSource },
): Promise<ComplianceResult> {
  const { source } = opts;
  if (source.kind === "mirror") {
    const { summary, read } = await answerFromMirror(source, (db) => complianceFromMirror(db, q));
    return { summary, read: { ...read, optOutPages: 0 } };
  }
  const collector = createComplianceCollector(q);
  const pages = checkedPages(q, opts);
  for await (const page of pages) collector.add(page.messages, page.matches);
  const { stats } = pages;
  const result: ComplianceResult = {
    summary: collector.result({ count: stats.optOuts, from: OPT_OUT_HISTORY_START }),
    read: {
      pages: stats.pages,
      optOutPages: stats.optOutPages,
      elapsedMs: stats.elapsedMs,
      readAt: Date.now(),
      cached: false,
      source,
    },
  };
  cache.set(q, result);
  return result;
}
