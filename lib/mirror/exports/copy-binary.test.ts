import { describe, expect, it } from "vitest";
import { CopyBinaryDecoder, CopyFormatError } from "./copy-binary";

// A binary COPY stream of (line count, text) rows, built by hand, cut into chunks at every possible
// place: the decoder gives back exactly the rows' bytes, and a stream without its trailer
// is an error, never a shorter file.

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

function copyStream(rows: [number, string][], extension = Buffer.alloc(0), trailer = true): Buffer {
  const parts = [SIGNATURE, int32(0), int32(extension.length), extension];
  for (const [lines, text] of rows) {
    const bytes = Buffer.from(text, "utf8");
    parts.push(int16(2), int32(4), int32(lines), int32(bytes.length), bytes);
  }
  if (trailer) parts.push(int16(-1));
  return Buffer.concat(parts);
}
function int16(n: number) {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}
function int32(n: number) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function decode(chunks: Buffer[]): { text: string; rows: number } {
  const d = new CopyBinaryDecoder();
  const out = chunks.map((c) => d.push(c));
  d.end();
  return { text: Buffer.concat(out).toString("utf8"), rows: d.rows };
}

const ROWS: [number, string][] = [
  [1, "a,b\r\n"],
  [2, '"x\ny",😀\r\n,\r\n'],
  [0, ""],
  [1, ",\r\n"],
];
const TEXT = ROWS.map(([, text]) => text).join("");

describe("CopyBinaryDecoder", () => {
  it("returns the rows' bytes whatever the chunking", () => {
    const stream = copyStream(ROWS, Buffer.from("ext"));
    for (let cut = 0; cut <= stream.length; cut++) {
      const { text, rows } = decode([stream.subarray(0, cut), stream.subarray(cut)]);
      expect(text).toBe(TEXT);
      expect(rows).toBe(4); // the lines, not the COPY rows
    }
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(decode(bytes)).toEqual({ text: TEXT, rows: 4 });
  });

  it("counts a row's lines once its text has passed whole", () => {
    const stream = copyStream(ROWS);
    const d = new CopyBinaryDecoder();
    // The file header (19 bytes), the first row (14 + 5), then 3 bytes into the second's text.
    const firstText = d.push(stream.subarray(0, 19 + 19 + 14 + 3));
    expect({ text: firstText.toString(), rows: d.rows }).toEqual({ text: 'a,b\r\n"x\n', rows: 1 });
    d.push(stream.subarray(19 + 19 + 14 + 3));
    d.end();
    expect(d.rows).toBe(4);
  });

  it("refuses a stream cut short, a NULL line, other column counts and a wrong signature", () => {
    const cut = copyStream(ROWS, undefined, false);
    expect(() => decode([cut])).toThrow(CopyFormatError);
    expect(() => decode([copyStream(ROWS).subarray(0, 30)])).toThrow(CopyFormatError);
    const head = [SIGNATURE, int32(0), int32(0)];
    const nullText = Buffer.concat([...head, int16(2), int32(4), int32(1), int32(-1)]);
    expect(() => new CopyBinaryDecoder().push(nullText)).toThrow(/NULL/);
    const nullCount = Buffer.concat([...head, int16(2), int32(-1), int32(0), int32(0)]);
    expect(() => new CopyBinaryDecoder().push(nullCount)).toThrow(/int4/);
    const oneColumn = Buffer.concat([...head, int16(1), int32(0), int32(0), int32(0)]);
    expect(() => new CopyBinaryDecoder().push(oneColumn)).toThrow(/two columns/);
    expect(() => new CopyBinaryDecoder().push(Buffer.alloc(40))).toThrow(/binary COPY/);
  });
});
