import "server-only";

// COPY … TO STDOUT (FORMAT binary) of a query with two columns, a count of CSV lines (int4)
// and their text, turned back into the text's bytes one row after another, the lines counted. The CSV lines are written whole by PostgreSQL
// (lib/csv/sql.ts); binary framing is used because it is the one COPY format that passes a
// value through untouched: FORMAT csv cannot quote a field for its edge spaces as the live
// export does (and quotes empty strings), FORMAT text escapes backslashes and newlines.
// Per row this costs a few integer reads and one copy of its lines: no parsing of the CSV.
//
// Layout (PostgreSQL docs, "Binary Format"): 11-byte signature, int32 flags, int32 header
// extension length and that many bytes; then per row int16 field count (2 here) and per field
// int32 length (-1 for NULL) and the bytes (an int4 is 4 bytes, big-endian); then the trailer
// int16 -1.

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

export class CopyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyFormatError";
  }
}

/**
 * A decoder fed the COPY stream's chunks in order. `push` returns the lines' bytes found so
 * far (one buffer, possibly empty) and counts the lines; `end` throws unless the trailer was seen,
 * so a stream cut short is never taken for a complete file.
 */
export class CopyBinaryDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private finished = false;
  rows = 0;

  push(chunk: Buffer): Buffer {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    if (!this.headerDone) {
      if (buf.length < SIGNATURE.length + 8) {
        this.pending = buf;
        return Buffer.alloc(0);
      }
      if (!buf.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
        throw new CopyFormatError("Not a binary COPY stream");
      }
      const extension = buf.readInt32BE(SIGNATURE.length + 4);
      const start = SIGNATURE.length + 8 + extension;
      if (buf.length < start) {
        this.pending = buf;
        return Buffer.alloc(0);
      }
      this.headerDone = true;
      pos = start;
    }
    // Rows' payloads are copied into one buffer no larger than the input.
    const out = Buffer.allocUnsafe(buf.length - pos);
    let outLength = 0;
    while (pos + 2 <= buf.length) {
      if (this.finished) throw new CopyFormatError("Data after the end of the COPY stream");
      const fields = buf.readInt16BE(pos);
      if (fields === -1) {
        this.finished = true;
        pos += 2;
        continue;
      }
      if (fields !== 2) throw new CopyFormatError(`Expected two columns, got ${fields}`);
      // int16 fields, int32 4, int32 count, int32 length: 14 bytes before the text.
      if (pos + 14 > buf.length) break;
      if (buf.readInt32BE(pos + 2) !== 4)
        throw new CopyFormatError("The line count is not an int4");
      const lines = buf.readInt32BE(pos + 6);
      const length = buf.readInt32BE(pos + 10);
      if (lines < 0 || length < 0) throw new CopyFormatError("A count or a CSV text was NULL");
      if (pos + 14 + length > buf.length) break;
      buf.copy(out, outLength, pos + 14, pos + 14 + length);
      outLength += length;
      pos += 14 + length;
      this.rows += lines;
    }
    this.pending = pos < buf.length ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
    return out.subarray(0, outLength);
  }

  end(): void {
    if (!this.finished || this.pending.length) {
      throw new CopyFormatError("The COPY stream ended before its last row");
    }
  }
}
