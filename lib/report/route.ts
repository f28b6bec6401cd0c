import "server-only";
import { errorViewer } from "@/lib/auth/error-viewer";
import type { Permission } from "@/lib/auth/roles";
import { withPermission, type RouteHandler } from "@/lib/auth/with-permission";
import { invalidInput } from "@/lib/errors/dashboard";
import { jsonError } from "@/lib/http/error-body";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import { answerSourceFor } from "@/lib/mirror/source";
import { zonedDayRangeToApi } from "@/lib/time/range";
import type { ReadInfo } from "./protocol";
import { reportResponse, reportStream } from "./stream";

// The GET handler of every whole-range report route: the guard (401/403 as the one JSON
// error body), the parameters (400, the same body), where the answer comes from (the local
// copy when it holds the range, else Mobivate; `live=1` asks for Mobivate), then the NDJSON
// stream: the server's cached answer (a live one only, unless `refresh`), else a fresh read.

type Parsed<Query> =
  { ok: true; query: Query; refresh: boolean; live: boolean } | { ok: false; error: string };

export interface ReportRoute<Query, Result, Progress> {
  permission: Permission;
  parse: (params: URLSearchParams) => Parsed<Query>;
  /** A live answer kept by the server for this query, if any. */
  cached: (q: Query) => Result | undefined;
  /** Answers from `source`: the copy (a few queries) or a live read with progress. */
  read: (
    q: Query,
    opts: { signal: AbortSignal; onProgress: (p: Progress) => void; source: AnswerSource },
  ) => Promise<Result>;
  initialProgress: Progress;
  /** Names the report in the server log when the dashboard itself fails. */
  label: string;
}

/**
 * The server's kept answer may stand in for a live read, never for the copy: a live answer
 * kept from before the copy held the range must not win over it, and one asked for live is
 * read again. A kept answer says why it is live now (it may have been asked for then).
 */
export function keptAnswer<Result extends { read: ReadInfo }>(
  source: AnswerSource,
  refresh: boolean,
  cached: () => Result | undefined,
): Result | undefined {
  if (refresh || source.kind === "mirror" || source.reason === "asked") return undefined;
  const hit = cached();
  return hit && { ...hit, read: { ...hit.read, source } };
}

export function reportRoute<
  Query extends { from: string; to: string; tz: string },
  Result extends { read: ReadInfo },
  Progress extends object,
>(route: ReportRoute<Query, Result, Progress>): RouteHandler {
  return withPermission(route.permission, async (request) => {
    const parsed = route.parse(new URL(request.url).searchParams);
    if (!parsed.ok) return jsonError(400, invalidInput(parsed.error));
    const { query, refresh, live } = parsed;
    const api = zonedDayRangeToApi(query.from, query.to, query.tz);
    const source = await answerSourceFor(api, { live });
    const body = reportStream<Result, Progress>({
      request,
      cached: keptAnswer(source, refresh, () => route.cached(query)),
      initialProgress: route.initialProgress,
      read: (signal, onProgress) => route.read(query, { signal, onProgress, source }),
      label: route.label,
      viewer: await errorViewer(),
    });
    return reportResponse(body);
  });
}
