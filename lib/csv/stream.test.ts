import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { CsvColumn } from "./columns";
import { csvReadableStream } from "./stream";

interface Row {
  to: string;
  text: string;
}

const columns: CsvColumn<Row>[] = [
  { header: "To", kind: "phone", get: (r) => r.to },
  { header: "Text", kind: "text", get: (r) => r.text },
];

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe("csvReadableStream", () => {
  it("streams a BOM, the header and every batch as UTF-8", async () => {
    async function* pages() {
      yield [{ to: "+447700900123", text: "héllo 👋" }];
      yield [];
      yield [
        { to: "0044123", text: "=1+1" },
        { to: "+1", text: 'a,"b"\r\nc' },
      ];
    }
    const bytes = await readAll(csvReadableStream(columns, pages()));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // strips the BOM
    expect(text).toBe(
      'To,Text\r\n+447700900123,héllo 👋\r\n0044123,\'=1+1\r\n+1,"a,""b""\r\nc"\r\n',
    );
    expect(parse(text)).toEqual([
      ["To", "Text"],
      ["+447700900123", "héllo 👋"],
      ["0044123", "'=1+1"],
      ["+1", 'a,"b"\r\nc'],
    ]);
  });

  it("accepts plain iterables and can skip the BOM", async () => {
    const bytes = await readAll(
      csvReadableStream(columns, [[{ to: "1", text: "x" }]], { bom: false }),
    );
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe("To,Text\r\n1,x\r\n");
  });

  it("pulls batches only as the reader asks, and stops the source on cancel", async () => {
    let fetched = 0;
    let closed = false;
    async function* pages() {
      try {
        for (;;) {
          fetched += 1;
          yield [{ to: String(fetched), text: "t" }];
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvReadableStream(columns, pages()).getReader();
    await reader.read(); // header
    await reader.read(); // first page
    expect(fetched).toBe(1);
    await reader.cancel("user went away");
    expect(closed).toBe(true);
    expect(fetched).toBe(1);
  });

  it("errors the stream and closes the source when encoding fails", async () => {
    let closed = false;
    async function* pages() {
      try {
        yield [{ to: "1", text: "ok" }];
        yield [{ to: "2", text: "boom" }];
        yield [{ to: "3", text: "never" }];
      } finally {
        closed = true;
      }
    }
    const failing: CsvColumn<Row>[] = [
      ...columns,
      {
        header: "X",
        kind: "raw",
        get: (r) => {
          if (r.text === "boom") throw new Error("bad row");
          return "x";
        },
      },
    ];
    await expect(readAll(csvReadableStream(failing, pages()))).rejects.toThrow("bad row");
    expect(closed).toBe(true);
  });
});
