import "server-only";
import { errorViewer } from "@/lib/auth/error-viewer";
import type { Permission } from "@/lib/auth/roles";
import { withPermission, type RouteHandler } from "@/lib/auth/with-permission";
import { invalidInput } from "@/lib/errors/dashboard";
import { jsonError } from "@/lib/http/error-body";
import { reportResponse, reportStream } from "./stream";

// The GET handler of every whole-range report route: the guard (401/403 as the one JSON
// error body), the parameters (400, the same body), then the NDJSON stream: the server's
// cached answer unless `refresh`, else a fresh read with progress.

type Parsed<Query> = { ok: true; query: Query; refresh: boolean } | { ok: false; error: string };

export interface ReportRoute<Query, Result, Progress> {
  permission: Permission;
  parse: (params: URLSearchParams) => Parsed<Query>;
  cached: (q: Query) => Result | undefined;
  read: (
    q: Query,
    opts: { signal: AbortSignal; onProgress: (p: Progress) => void },
  ) => Promise<Result>;
  initialProgress: Progress;
  /** Names the report in the server log when the dashboard itself fails. */
  label: string;
}

export function reportRoute<Query, Result, Progress extends object>(
  route: ReportRoute<Query, Result, Progress>,
): RouteHandler {
  return withPermission(route.permission, async (request) => {
    const parsed = route.parse(new URL(request.url).searchParams);
    if (!parsed.ok) return jsonError(400, invalidInput(parsed.error));
    const { query, refresh } = parsed;
    const body = reportStream<Result, Progress>({
      signal: request.signal,
      cached: refresh ? undefined : route.cached(query),
      initialProgress: route.initialProgress,
      read: (signal, onProgress) => route.read(query, { signal, onProgress }),
      label: route.label,
      viewer: await errorViewer(),
    });
    return reportResponse(body);
  });
}
