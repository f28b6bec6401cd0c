import "server-only";
import { Duplex } from "node:stream";
import { constants, createGzip } from "node:zlib";

// Large downloads compressed here at zlib's fastest level instead of by Next's compression
// (level 6, the default): CSV still shrinks ~4×, for a third of the CPU. Measured on the load
// test (50 people browsing while 5 exports stream), gzip at level 6 was one of the largest
// costs on the server's two cores. Next leaves a response alone once it has a
// Content-Encoding.

/** Whether the request accepts gzip (Accept-Encoding lists it without q=0). */
export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get("accept-encoding") ?? "";
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "x-gzip") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The stream gzip-compressed at level 1; cancelling the result cancels the source. */
export function gzipFast(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const gzip = createGzip({ level: constants.Z_BEST_SPEED });
  return body.pipeThrough(
    Duplex.toWeb(gzip) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
}

/** The response headers for a body gzipFast compressed. */
export const GZIP_HEADERS: Readonly<Record<string, string>> = {
  "Content-Encoding": "gzip",
  Vary: "Accept-Encoding",
};
