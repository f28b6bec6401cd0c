import { constants, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, encodedHeaders, gzipStream } from "./gzip";

const req = (acceptEncoding?: string) =>
  new Request(
    "http://x/",
    acceptEncoding ? { headers: { "Accept-Encoding": acceptEncoding } } : {},
  );

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
}

describe("acceptsGzip", () => {
  it.each([
    ["gzip, deflate, br, zstd", true],
    ["br;q=1.0, gzip;q=0.8, *;q=0.1", true],
    ["GZIP", true],
    ["x-gzip", true],
    ["*", true],
    ["identity", false],
    ["br", false],
    ["gzip;q=0", false],
    ["gzip;q=0.000, *", false],
    ["*;q=0", false],
    ["gzip;q=nonsense", false],
    [undefined, false],
  ])("%j → %s", (header, expected) => {
    expect(acceptsGzip(req(header))).toBe(expected);
  });
});

describe("encodedHeaders", () => {
  it("says the body varies with Accept-Encoding, and when it is gzipped", () => {
    const base = { "Content-Type": "text/csv" };
    expect(encodedHeaders(base, false)).toEqual({ ...base, Vary: "Accept-Encoding" });
    expect(encodedHeaders(base, true)).toEqual({
      ...base,
      Vary: "Accept-Encoding",
      "Content-Encoding": "gzip",
    });
  });
});

describe("gzipStream", () => {
  it("gzips every byte, in order", async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => `line ${i},"a, b",é😀\r\n`.repeat(i + 1));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
        c.close();
      },
    });
    const zipped = await readAll(gzipStream(body));
    expect(gunzipSync(zipped).toString("utf8")).toBe(chunks.join(""));
    // Level 1, flushed per chunk, still compresses repetitive lines well below their size.
    expect(zipped.length).toBeLessThan(Buffer.byteLength(chunks.join("")) / 4);
  });

  it("hands on each chunk as it comes, before the source ends", async () => {
    let source!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (source = c) });
    const reader = gzipStream(body).getReader();
    source.enqueue(new TextEncoder().encode("id,body\r\n"));
    const parts: Uint8Array[] = [];
    // The flushed bytes of the first chunk decode to it while the source is still open.
    for (;;) {
      const { value } = await reader.read();
      parts.push(value!);
      let text = "";
      try {
        text = gunzipSync(Buffer.concat(parts), {
          finishFlush: constants.Z_SYNC_FLUSH,
        }).toString();
      } catch {
        // not a whole flushed block yet
      }
      if (text === "id,body\r\n") break;
    }
    source.close();
    await reader.cancel();
  });

  it("cancels the source when the download is cancelled", async () => {
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(64 * 1024).fill(65)),
      cancel: (reason) => void (cancelled = reason ?? "cancelled"),
    });
    const reader = gzipStream(body).getReader();
    await reader.read();
    await reader.cancel("client left");
    // At once: the export behind it stops its query on this cancel.
    expect(cancelled).toBe("client left");
  });

  it("fails the download when the source fails after its first bytes", async () => {
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ < 3) c.enqueue(new TextEncoder().encode("a,b\r\n"));
        else c.error(new Error("database gone"));
      },
    });
    await expect(readAll(gzipStream(body))).rejects.toThrow();
  });
});
