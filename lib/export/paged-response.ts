import "server-only";
import { exportErrorResponse, tooManyExports } from "./error-response";
import { tryAcquireExportSlot } from "./limit";

// What every download read page by page shares, whatever the file's format (CSV, .xlsx):
// the export slot, the first page before the status, and how a later failure or a cancel
// ends it. Only the writer of the bytes differs.

export interface PagedExport<Row> {
  /** Who downloads: counts against their share of concurrent downloads (lib/export/limit). */
  userId: string;
  /**
   * Starts reading the records, page by page (e.g. readAllMessages). May throw at once
   * (no API key). Must stop its requests when `signal` aborts or when it is returned.
   */
  open(signal: AbortSignal): AsyncGenerator<Row[], unknown, undefined>;
  /** The file's headers (type, name). */
  headers: Record<string, string>;
  /** The file's bytes from the pages; must call the iterator's return() when it fails. */
  body(batches: AsyncIterable<Row[]>): ReadableStream<Uint8Array>;
}

/**
 * A streamed download of every record of a range.
 *
 * The first page is read before the Response exists, so a rejected key (401), a refused
 * request (400) or an unreachable API still gets a proper status and a JSON message. After
 * that the status is sent, so a later failure can only abort the stream: the download then
 * shows as failed in the browser instead of ending as a well-formed but shorter file.
 * Pages are pulled only as fast as the client reads (memory stays flat for any range), and
 * when the person cancels, the upstream reading stops at once.
 *
 * Each download holds one of the person's export slots from before the first page until the
 * stream ends, fails or is cancelled (released exactly once); without a free slot the answer
 * is 429 with Retry-After, before any API call.
 */
export async function pagedExportResponse<Row>(
  request: Request,
  spec: PagedExport<Row>,
): Promise<Response> {
  let slot;
  try {
    slot = tryAcquireExportSlot(spec.userId);
  } catch (err) {
    return exportErrorResponse(err, request); // e.g. an invalid DASHBOARD_EXPORTS_MAX
  }
  if (!slot) return tooManyExports(request);
  const release = slot.release;

  const stop = new AbortController();
  const onClientGone = () => {
    stop.abort(request.signal.reason);
    // The stream is cancelled too, but a slot must never outlive its client.
    release();
  };
  request.signal.addEventListener("abort", onClientGone, { once: true });

  let pages: AsyncGenerator<Row[], unknown, undefined>;
  let first: IteratorResult<Row[], unknown>;
  try {
    pages = spec.open(stop.signal);
    first = await pages.next();
  } catch (err) {
    request.signal.removeEventListener("abort", onClientGone);
    stop.abort(err);
    release();
    // The person left before the first page: nobody reads this answer, and it is no error.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return exportErrorResponse(err, request);
  }

  let pending: IteratorResult<Row[], unknown> | undefined = first;
  const batches: AsyncIterable<Row[]> = {
    [Symbol.asyncIterator]: () => ({
      async next(): Promise<IteratorResult<Row[], undefined>> {
        const result = pending ?? (await pages.next());
        pending = undefined;
        if (result.done) {
          request.signal.removeEventListener("abort", onClientGone);
          release();
          return { done: true, value: undefined };
        }
        return result;
      },
      async return(): Promise<IteratorResult<Row[], undefined>> {
        // Download cancelled or failed: abort the requests in flight first (a pending
        // next() would otherwise wait for its page), then let the reader finish.
        request.signal.removeEventListener("abort", onClientGone);
        stop.abort(new DOMException("The download was stopped", "AbortError"));
        await pages.return(undefined).catch(() => undefined);
        release();
        return { done: true, value: undefined };
      },
    }),
  };

  return new Response(spec.body(batches), { status: 200, headers: spec.headers });
}
