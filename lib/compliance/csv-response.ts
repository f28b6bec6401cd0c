import "server-only";
import type { CsvColumn } from "@/lib/csv/columns";
import { csvReadableStream } from "@/lib/csv/stream";
import { EnvError } from "@/lib/env";
import { describeError, MobivateError, type MobivateErrorKind } from "@/lib/mobivate/errors";
import { TimeError } from "@/lib/time/errors";

// A streamed CSV download whose first batch is read before the Response exists, so a
// rejected key (401), a refused request (400) or an unreachable API still gets a proper
// status and a JSON `{ error }`. After that the status is sent: a later failure can only
// abort the stream, and the download shows as failed instead of ending as a shorter file.
// The conventions of the Messages download (lib/export/csv-response.ts, written in parallel).

const NO_STORE = { "Cache-Control": "no-store" };

const STATUS_BY_KIND: Record<MobivateErrorKind, number> = {
  unauthorized: 401,
  "bad-request": 400,
  "payment-required": 402,
  forbidden: 403,
  "not-found": 502, // the range endpoints have no 404; one means a wrong base URL
  "rate-limited": 503,
  server: 502,
  timeout: 504,
  network: 502,
  "invalid-response": 502,
  "not-configured": 503,
};

export function jsonError(status: number, error: string, kind: string): Response {
  return Response.json({ error, kind }, { status, headers: NO_STORE });
}

export function badRequest(reason: string): Response {
  return jsonError(400, reason, "bad-request");
}

export function errorResponse(err: unknown): Response {
  if (err instanceof MobivateError) {
    const info = describeError(err);
    return jsonError(STATUS_BY_KIND[err.kind], info.message, info.kind);
  }
  if (err instanceof EnvError) {
    return jsonError(
      503,
      `The dashboard server is not configured correctly: ${err.issues.join("; ")}`,
      "not-configured",
    );
  }
  if (err instanceof TimeError) return badRequest(err.message);
  console.error("CSV export failed before the first byte", err);
  return jsonError(500, "Something went wrong on the dashboard server. Try again.", "server");
}

export interface CsvDownload<Row> {
  filename: string;
  columns: readonly CsvColumn<Row>[];
  bom: boolean;
  /** Starts the read; must stop its requests when `signal` aborts or it is returned. */
  open(signal: AbortSignal): AsyncGenerator<Row[], unknown, undefined>;
}

export async function csvDownloadResponse<Row>(
  request: Request,
  spec: CsvDownload<Row>,
): Promise<Response> {
  const stop = new AbortController();
  const onClientGone = () => stop.abort(request.signal.reason);
  request.signal.addEventListener("abort", onClientGone, { once: true });
  const release = () => request.signal.removeEventListener("abort", onClientGone);

  let batches: AsyncGenerator<Row[], unknown, undefined>;
  let first: IteratorResult<Row[], unknown>;
  try {
    batches = spec.open(stop.signal);
    first = await batches.next();
  } catch (err) {
    release();
    stop.abort(err);
    return errorResponse(err);
  }

  let pending: IteratorResult<Row[], unknown> | undefined = first;
  const rest: AsyncIterable<Row[]> = {
    [Symbol.asyncIterator]: () => ({
      async next(): Promise<IteratorResult<Row[], undefined>> {
        const result = pending ?? (await batches.next());
        pending = undefined;
        if (result.done) {
          release();
          return { done: true, value: undefined };
        }
        return result;
      },
      async return(): Promise<IteratorResult<Row[], undefined>> {
        // Cancelled or failed: abort the requests in flight first (a pending next() would
        // otherwise wait for its page), then let the reader finish.
        release();
        stop.abort(new Error("download stopped"));
        await batches.return(undefined).catch(() => undefined);
        return { done: true, value: undefined };
      },
    }),
  };

  return new Response(csvReadableStream(spec.columns, rest, { bom: spec.bom }), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${spec.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
