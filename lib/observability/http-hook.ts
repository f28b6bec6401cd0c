import "server-only";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { installServerEventHook } from "@/lib/http/server-events";
import { requestBegan } from "@/lib/runtime/activity";
import { log } from "./logger";
import { metrics, routeLabel } from "./metrics";
import { requestStore, type RequestContext } from "./request-context";

// One log line and one metrics sample per request, with the status and the time to the last
// byte: the App Router has no hook that sees a response end, so this wraps the HTTP server's
// "request" event (lib/http/server-events.ts) and runs Next's handling inside the
// request's context (./request-context.ts).

export const REQUEST_ID_HEADER = "x-request-id";

/** Starts observing one request; returns the context to run its handling in. */
export function observeRequest(req: IncomingMessage, res: ServerResponse): RequestContext {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const ctx: RequestContext = {
    // Ours, never the client's: a client could otherwise forge lines into someone else's trail.
    id: randomUUID(),
    method: req.method ?? "GET",
    path: (q === -1 ? url : url.slice(0, q)).slice(0, 200),
    startedAt: performance.now(),
  };
  req.headers[REQUEST_ID_HEADER] = ctx.id;
  if (!res.headersSent) res.setHeader("X-Request-Id", ctx.id);
  const ended = requestBegan();
  res.once("close", () => {
    ended();
    finish(ctx, res);
  });
  return ctx;
}

function finish(ctx: RequestContext, res: ServerResponse): void {
  const ms = performance.now() - ctx.startedAt;
  // A response closed before it ended is a client that went away (e.g. a cancelled download).
  const status = res.writableFinished ? res.statusCode : 499;
  const asset = ctx.path.startsWith("/_next/");
  // 404s are not routes: a scanner's made-up paths must not become metric labels.
  const route = status === 404 ? "unmatched" : routeLabel(ctx.path);
  try {
    const m = metrics();
    m.httpRequests.inc({ method: ctx.method, route, status: String(status) });
    m.httpDuration.observe({ method: ctx.method, route }, ms / 1000);
  } catch {
    // Metrics never break a request.
  }
  const line = {
    requestId: ctx.id,
    method: ctx.method,
    path: ctx.path,
    status,
    ms: Math.round(ms),
    userId: ctx.userId,
  };
  if (asset) log().debug(line, "request");
  else if (status >= 500) log().error(line, "request");
  else log().info(line, "request");
}

/** Observes every "request" event of every HTTP server. Idempotent. */
export function installRequestObserver(): void {
  installServerEventHook("request-observer", (_server, event, args, next) => {
    if (event !== "request") return next();
    const ctx = observeRequest(args[0] as IncomingMessage, args[1] as ServerResponse);
    return requestStore().run(ctx, next);
  });
}
