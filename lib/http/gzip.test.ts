import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, gzipFast } from "./gzip";

const req = (encoding?: string) =>
  new Request(
    "http://x.test/",
    encoding === undefined ? {} : { headers: { "accept-encoding": encoding } },
  );

describe("acceptsGzip", () => {
  it("reads Accept-Encoding, q=0 included", () => {
    expect(acceptsGzip(req("gzip, deflate, br"))).toBe(true);
    expect(acceptsGzip(req("br;q=1.0, GZIP;q=0.5"))).toBe(true);
    expect(acceptsGzip(req("x-gzip"))).toBe(true);
    expect(acceptsGzip(req())).toBe(false);
    expect(acceptsGzip(req("identity"))).toBe(false);
    expect(acceptsGzip(req("deflate, br"))).toBe(false);
    expect(acceptsGzip(req("gzip;q=0"))).toBe(false);
    expect(acceptsGzip(req("gzip; q=0.000"))).toBe(false);
    expect(acceptsGzip(req("gzipped"))).toBe(false);
  });
});

describe("gzipFast", () => {
  it("compresses every byte of the stream", async () => {
    const parts = Array.from({ length: 200 }, (_, i) => `line ${i},"a ""b"""\r\n`.repeat(50));
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    const zipped = Buffer.from(await new Response(gzipFast(source)).arrayBuffer());
    expect(gunzipSync(zipped).toString()).toBe(parts.join(""));
    expect(zipped.length).toBeLessThan(parts.join("").length / 4);
  });

  it("passes a cancel on to the source, and a source's error on to the reader", async () => {
    let cancelled: unknown;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(64 * 1024).fill(65)),
      cancel: (reason) => void (cancelled = reason ?? "cancelled"),
    });
    const reader = gzipFast(endless).getReader();
    await reader.read();
    await reader.cancel("gone");
    await expect.poll(() => cancelled).toBeDefined();

    const failing = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(10));
        c.error(new Error("database"));
      },
    });
    await expect(new Response(gzipFast(failing)).arrayBuffer()).rejects.toThrow();
  });
});
