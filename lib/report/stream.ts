import "server-only";
import { log } from "@/lib/observability/logger";
import { safeErrorText } from "@/lib/db/safe-error";
import { describeError, type ErrorViewer } from "@/lib/mobivate/errors";
import { REPORT_CONTENT_TYPE, type ReportLine } from "./protocol";

// The NDJSON body of a whole-range report route, generic over its result (Spend, Delivery
// and Compliance use it through lib/report/route.ts).

/** How often progress lines are sent while reading (also keeps the connection busy). */
export const PROGRESS_INTERVAL_MS = 250;

export interface ReportStreamOptions<Result, Progress> {
  /**
   * The request: its signal aborts when the client goes away. The stream keeps the request
   * itself, not only its signal: a Request made with an init signal (undici) follows that
   * signal through a weak reference, so once the Request object is collected an abort no
   * longer reaches `request.signal`, and the read would go on for nobody.
   */
  request: Pick<Request, "signal">;
  /** A finished answer to send at once (from the server's cache), if any. */
  cached?: Result;
  initialProgress: Progress;
  /** Reads the range; stops when `signal` aborts. Reports progress as it goes. */
  read: (signal: AbortSignal, setProgress: (p: Progress) => void) => Promise<Result>;
  /** Names the report in the server log when the dashboard itself fails. */
  label: string;
  /** Who reads an error line (a rejected key is worded for admins apart from everyone else). */
  viewer?: ErrorViewer;
}

const encoder = new TextEncoder();

/**
 * Progress lines every 250 ms while reading, then one result or error line. The read stops
 * as soon as the client goes away: the request's signal aborts it, and so does a cancelled
 * body stream.
 */
export function reportStream<Result, Progress extends object>(
  opts: ReportStreamOptions<Result, Progress>,
): ReadableStream<Uint8Array> {
  const { request } = opts;
  const stop = new AbortController();
  const onAbort = () => stop.abort(request.signal.reason);
  if (request.signal.aborted) stop.abort(request.signal.reason);
  else request.signal.addEventListener("abort", onAbort, { once: true });

  let timer: ReturnType<typeof setInterval> | undefined;
  const cleanup = () => {
    if (timer) clearInterval(timer);
    request.signal.removeEventListener("abort", onAbort);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (l: ReportLine<Result, Progress>) => {
        if (stop.signal.aborted) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(l)}\n`));
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

      if (opts.cached !== undefined) {
        send({ type: "result", data: opts.cached });
        finish();
        return;
      }

      const started = Date.now();
      let progress = opts.initialProgress;
      const tick = () => send({ type: "progress", ...progress, elapsedMs: Date.now() - started });
      tick();
      timer = setInterval(tick, PROGRESS_INTERVAL_MS);

      opts
        .read(stop.signal, (p) => {
          progress = p;
        })
        .then((data) => {
          tick();
          send({ type: "result", data });
        })
        .catch((err: unknown) => {
          if (stop.signal.aborted) return; // Cancelled: nobody is listening.
          const error = describeError(err, opts.viewer);
          if (error.kind === "internal") {
            // Not an API failure: a fault of the dashboard itself, worth a server log.
            log().error({ err: safeErrorText(err) }, `${opts.label} read failed`);
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

/** The response of a report route around `reportStream`. */
export function reportResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "Content-Type": REPORT_CONTENT_TYPE,
      // no-transform keeps the server's gzip from buffering the progress lines.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
