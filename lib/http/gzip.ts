import { constants, createGzip } from "node:zlib";

// Downloads compress themselves, fast: Next's own compression (zlib's default level 6)
// deflated a CSV at about the rate PostgreSQL writes it, and its CPU came out of the two
// cores every page shares. Level 1 costs a third of that for a file about a quarter larger
// than level 6 gives, and zlib runs it on libuv's threads, not on the thread that serves
// pages. A response that carries Content-Encoding is left alone by Next's compression.

/** Level 1: the fastest, still about a fifth of a CSV's size. */
export const DOWNLOAD_GZIP_LEVEL = 1;

/**
 * True when the request's Accept-Encoding takes gzip (RFC 9110: "gzip", "x-gzip" or "*"
 * with a q-value above 0; an explicit "gzip;q=0" refuses it even beside "*").
 */
export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get("accept-encoding");
  if (!header) return false;
  let star: boolean | undefined;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const ok = Number.isFinite(weight) && weight > 0;
    if (name === "gzip" || name === "x-gzip") return ok;
    if (name === "*") star = ok;
  }
  return star === true;
}

/**
 * The body gzipped as it streams. A chunk is read from the body only when the client wants
 * more, and each is flushed (Z_SYNC_FLUSH), so a slow download (a live read, page by page)
 * still shows its progress and memory holds one chunk. A cancel reaches the body at once;
 * a body that fails fails the download (never a short file that looks whole).
 */
export function gzipStream(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const gzip = createGzip({ level: DOWNLOAD_GZIP_LEVEL, flush: constants.Z_SYNC_FLUSH });
  const reader = body.getReader();
  const output: Buffer[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  gzip.on("data", (chunk: Buffer) => {
    output.push(chunk);
    notify();
  });
  gzip.on("end", () => {
    ended = true;
    notify();
  });
  gzip.on("error", (error: unknown) => {
    failure = { error };
    notify();
  });
  const nextOutput = () => new Promise<void>((resolve) => (wake = resolve));
  let inputDone = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const chunk = output.shift();
          if (chunk) {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
            return;
          }
          if (failure) throw failure.error;
          if (ended) {
            controller.close();
            return;
          }
          const out = nextOutput();
          if (!inputDone) {
            let next: ReadableStreamReadResult<Uint8Array>;
            try {
              next = await reader.read();
            } catch (err) {
              gzip.destroy();
              throw err;
            }
            if (next.done) {
              inputDone = true;
              gzip.end();
            } else if (next.value.length > 0) {
              gzip.write(next.value);
            } else {
              continue;
            }
          }
          await out;
        }
      },
      async cancel(reason) {
        gzip.destroy();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A download's headers, saying whether its body is gzipped (and that this depends on the request). */
export function encodedHeaders(
  headers: Record<string, string>,
  gzip: boolean,
): Record<string, string> {
  const vary = { ...headers, Vary: "Accept-Encoding" };
  return gzip ? { ...vary, "Content-Encoding": "gzip" } : vary;
}
