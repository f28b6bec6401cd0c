import "server-only";
import type { MobivateConfig } from "./config";
import { isRetryableStatus, kindForStatus, MobivateError } from "./errors";
import { observeUpstreamCall } from "@/lib/observability/upstream";

export type QueryValue = string | number | undefined | null;

export interface MobivateRequest {
  method?: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Builds the request URL. URLSearchParams encodes `+` as `%2B`, which the API needs for
 * offsets such as `+1000` (a raw `+` would arrive as a space and fail to parse).
 */
export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>) {
  const url = new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null) params.set(k, String(v));
  }
  url.search = params.toString();
  return url;
}

/** Delay before retry number `attempt` (0-based): exponential, full jitter in [d/2, d]. */
export function backoffDelay(
  attempt: number,
  cfg: Pick<MobivateConfig, "baseDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const d = Math.min(cfg.maxDelayMs, cfg.baseDelayMs * 2 ** attempt);
  return Math.round(d / 2 + random() * (d / 2));
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds, if present. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function readErrorMessage(res: Response): Promise<string | undefined> {
  try {
    const text = await res.text();
    try {
      const json = JSON.parse(text) as { message?: unknown };
      if (typeof json.message === "string") return json.message;
    } catch {
      // Not JSON: fall through to the raw text (e.g. an HTML error page from a proxy).
    }
    return text.trim().slice(0, 300) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one function that talks to the Mobivate API: Bearer auth, a per-attempt timeout,
 * bounded retries with exponential back-off and jitter on 429, 5xx, timeouts and network
 * errors (honouring Retry-After), the caller's AbortSignal, and typed errors.
 * Returns the parsed JSON body; callers validate it with zod.
 */
export async function mobivateFetch(cfg: MobivateConfig, req: MobivateRequest): Promise<unknown> {
  const call = observeUpstreamCall(req.method ?? "GET", req.path);
  try {
    const body = await fetchWithRetries(cfg, req, call);
    call.end();
    return body;
  } catch (err) {
    // Aborted by the caller (a page no longer needed, a person who left): not a failure.
    call.end(err, req.signal?.aborted === true);
    throw err;
  }
}

async function fetchWithRetries(
  cfg: MobivateConfig,
  req: MobivateRequest,
  call: { attempt(n: number): void; answered(status: number): void },
): Promise<unknown> {
  const url = buildUrl(cfg.baseUrl, req.path, req.query);
  const method = req.method ?? "GET";
  let lastError: MobivateError | undefined;

  for (let attempt = 0; attempt <= cfg.maxRetries; attempt++) {
    if (req.signal?.aborted) throw req.signal.reason;
    call.attempt(attempt);
    let retryAfterMs: number | undefined;
    const timeout = AbortSignal.timeout(cfg.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const res = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${cfg.apiKey}`,
          Accept: "application/json",
          ...(req.body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
        signal,
        cache: "no-store",
      });
      call.answered(res.status);
      if (res.ok) {
        try {
          return await res.json();
        } catch (cause) {
          if (req.signal?.aborted) throw req.signal.reason;
          throw new MobivateError("invalid-response", "Response was not JSON", {
            status: res.status,
            cause,
          });
        }
      }
      const apiMessage = await readErrorMessage(res);
      const err = new MobivateError(kindForStatus(res.status), `Mobivate API ${res.status}`, {
        status: res.status,
        apiMessage,
      });
      if (!isRetryableStatus(res.status)) throw err;
      lastError = err;
      retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    } catch (e) {
      if (e instanceof MobivateError && !isRetryableStatus(e.status ?? 0)) throw e;
      if (req.signal?.aborted) throw req.signal.reason;
      if (!(e instanceof MobivateError)) {
        lastError = timeout.aborted
          ? new MobivateError("timeout", `No answer within ${cfg.timeoutMs} ms`, { cause: e })
          : new MobivateError("network", "Network error", { cause: e });
      } else {
        lastError = e;
      }
    }
    if (attempt < cfg.maxRetries) {
      const delay = Math.min(cfg.maxDelayMs, retryAfterMs ?? backoffDelay(attempt, cfg));
      await sleep(delay, req.signal);
    }
  }
  throw lastError ?? new MobivateError("network", "Request failed");
}
