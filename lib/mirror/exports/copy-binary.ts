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

/** Bytes before a row's text: int16 field count, int32 4, int32 line count, int32 length. */
const ROW_HEAD = 14;

/**
 * A decoder fed the COPY stream's chunks in order. `push` returns the lines' bytes found so
 * far (one buffer, possibly empty) and counts the lines of each row passed on whole; `end`
 * throws unless the trailer was seen, so a stream cut short is never taken for a complete
 * file. A row's text (256 lines, ~50 KiB) spans chunks: it is passed on as its bytes arrive,
 * and only a header cut by a chunk's end is kept back, so no byte is copied more than twice.
 */
export class CopyBinaryDecoder {
  /** The start of a header cut by the previous chunk's end. */
  private held: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private finished = false;
  /** Bytes of the current row's text still to come, and its lines. */
  private textLeft = 0;
  private linesOfText = 0;
  rows = 0;

  push(chunk: Buffer): Buffer {
    const buf = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    const out: Buffer[] = [];
    let pos = 0;
    const hold = () => {
      this.held = Buffer.from(buf.subarray(pos));
      pos = buf.length;
    };
    while (pos < buf.length || (this.textLeft === 0 && this.linesOfText > 0)) {
      if (this.textLeft > 0) {
        const take = Math.min(this.textLeft, buf.length - pos);
        out.push(buf.subarray(pos, pos + take));
        this.textLeft -= take;
        pos += take;
        if (this.textLeft > 0) break;
      }
      if (this.linesOfText > 0) {
        this.rows += this.linesOfText;
        this.linesOfText = 0;
      }
      if (pos >= buf.length) break;
      if (!this.headerDone) {
        if (buf.length - pos < SIGNATURE.length + 8) {
          hold();
          break;
        }
        if (!buf.subarray(pos, pos + SIGNATURE.length).equals(SIGNATURE)) {
          throw new CopyFormatError("Not a binary COPY stream");
        }
        const size = SIGNATURE.length + 8 + buf.readInt32BE(pos + SIGNATURE.length + 4);
        if (buf.length - pos < size) {
          hold();
          break;
        }
        pos += size;
        this.headerDone = true;
        continue;
      }
      if (this.finished) throw new CopyFormatError("Data after the end of the COPY stream");
      if (buf.length - pos < 2) {
        hold();
        break;
      }
      const fields = buf.readInt16BE(pos);
      if (fields === -1) {
        this.finished = true;
        pos += 2;
        continue;
      }
      if (fields !== 2) throw new CopyFormatError(`Expected two columns, got ${fields}`);
      if (buf.length - pos < ROW_HEAD) {
        hold();
        break;
      }
      if (buf.readInt32BE(pos + 2) !== 4)
        throw new CopyFormatError("The line count is not an int4");
      const lines = buf.readInt32BE(pos + 6);
      const length = buf.readInt32BE(pos + 10);
      if (lines < 0 || length < 0) throw new CopyFormatError("A count or a CSV text was NULL");
      pos += ROW_HEAD;
      this.textLeft = length;
      this.linesOfText = lines;
    }
    if (out.length === 0) return Buffer.alloc(0);
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  end(): void {
    if (!this.finished || this.held.length || this.textLeft) {
      throw new CopyFormatError("The COPY stream ended before its last row");
    }
  }
}
