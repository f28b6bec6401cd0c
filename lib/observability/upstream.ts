import "server-only";
import { log } from "./logger";
import { metrics } from "./metrics";
import { currentRequest } from "./request-context";

// One log line and one set of metrics per Mobivate API call (lib/mobivate/fetch.ts), retries
// included. The endpoint is the method and path with ids replaced; never the query (it
// carries dates only today, but phone numbers could follow) and never the key.

export function endpointLabel(method: string, path: string): string {
  const template = path
    .split("/")
    .map((s, i) => (i >= 2 && s !== "optout" ? ":id" : s))
    .join("/");
  return `${method} ${template}`;
}

export interface UpstreamCall {
  /** Attempt number `n` (0-based) starts. */
  attempt(n: number): void;
  /** The attempt got an HTTP answer with this status. */
  answered(status: number): void;
  /** The call is over: resolved, failed with `err`, or cancelled by its caller. */
  end(err?: unknown, cancelled?: boolean): void;
}

export function observeUpstreamCall(method: string, path: string): UpstreamCall {
  const endpoint = endpointLabel(method, path);
  const started = performance.now();
  let status = 0;
  let retries = 0;
  const m = safeMetrics();
  return {
    attempt(n) {
      status = 0;
      if (n > 0) {
        retries += 1;
        m?.upstreamRetries.inc({ endpoint });
      }
    },
    answered(s) {
      status = s;
      if (s === 429) m?.upstreamRateLimited.inc({ endpoint });
    },
    end(err, cancelled = false) {
      const ms = performance.now() - started;
      const label = cancelled ? "cancelled" : String(status);
      m?.upstreamRequests.inc({ endpoint, status: label });
      m?.upstreamDuration.observe({ endpoint }, ms / 1000);
      const line = {
        requestId: currentRequest()?.id,
        userId: currentRequest()?.userId,
        endpoint,
        status,
        ms: Math.round(ms),
        retries,
        ...(err && !cancelled ? { error: errorKind(err) } : {}),
      };
      if (cancelled) log().debug(line, "upstream call cancelled");
      else if (err && !isAbort(err)) log().warn(line, "upstream call failed");
      // The syncer's thousands of pages are routine: visible at LOG_LEVEL=debug.
      else if (line.requestId) log().info(line, "upstream call");
      else log().debug(line, "upstream call");
    },
  };
}

function safeMetrics() {
  try {
    return metrics();
  } catch {
    return undefined;
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.name === "ResponseAborted");
}

/** The error's kind or name only: an API's message may quote what was sent. */
function errorKind(err: unknown): string {
  const kind = (err as { kind?: unknown } | null)?.kind;
  if (typeof kind === "string") return kind;
  return err instanceof Error ? err.name : "error";
}
