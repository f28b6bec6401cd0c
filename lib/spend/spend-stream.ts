import "server-only";
import { describeError } from "@/lib/mobivate/errors";
import type { SpendStreamLine } from "./protocol";
import { cachedSpend, readSpend } from "./read-spend";
import type { SpendQuery } from "./types";

/** How often progress lines are sent while reading (also keeps the connection busy). */
export const PROGRESS_INTERVAL_MS = 250;

const encoder = new TextEncoder();
const line = (l: SpendStreamLine) => encoder.encode(`${JSON.stringify(l)}\n`);

/**
 * The NDJSON body of `GET /api/spend`: progress lines every 250 ms while reading, then one
 * result or error line. The read stops as soon as the client goes away: `signal` is the
 * request's (aborted on disconnect) and a cancelled body stream aborts it as well.
 */
export function spendStream(
  query: SpendQuery,
  opts: { signal: AbortSignal; refresh: boolean },
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(opts.signal.reason);
  if (opts.signal.aborted) stop.abort(opts.signal.reason);
  else opts.signal.addEventListener("abort", onAbort, { once: true });

  let timer: ReturnType<typeof setInterval> | undefined;
  const cleanup = () => {
    if (timer) clearInterval(timer);
    opts.signal.removeEventListener("abort", onAbort);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (l: SpendStreamLine) => {
        if (stop.signal.aborted) return;
        try {
          controller.enqueue(line(l));
        } catch {
          // The stream was closed under us (client gone): the abort handles the rest.
        }
      };
      const finish = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed or cancelled.
        }
      };

      const hit = opts.refresh ? undefined : cachedSpend(query);
      if (hit) {
        send({ type: "result", data: hit });
        finish();
        return;
      }

      const started = Date.now();
      let progress = { records: 0, pages: 0 };
      const tick = () => send({ type: "progress", ...progress, elapsedMs: Date.now() - started });
      tick();
      timer = setInterval(tick, PROGRESS_INTERVAL_MS);

      readSpend(query, {
        signal: stop.signal,
        onProgress: (p) => {
          progress = { records: p.records, pages: p.pages };
        },
      })
        .then((data) => {
          tick();
          send({ type: "result", data });
        })
        .catch((err: unknown) => {
          if (stop.signal.aborted) return; // Cancelled: nobody is listening.
          const error = describeError(err);
          if (error.kind === "server" && error.status === undefined) {
            // Not an API failure: a fault of the dashboard itself, worth a server log.
            console.error("spend read failed", err);
          }
          send({ type: "error", error });
        })
        .finally(finish);
    },
    cancel(reason) {
      cleanup();
      stop.abort(reason ?? new Error("client went away"));
    },
  });
}
