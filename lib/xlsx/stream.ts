import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { SheetColumn } from "./columns";

// An .xlsx file as a web byte stream, written with exceljs's streaming workbook writer:
// each batch of records becomes committed rows (written out and forgotten), so memory stays
// flat for any number of rows, and batches are pulled only as fast as the client reads.

/** Excel's sheet holds 1,048,576 rows: the header and this many records. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/** A download needs more rows than one Excel sheet holds (found while writing it). */
export class SheetRowLimitError extends Error {
  constructor(readonly maxRows: number) {
    super(`The file needs more than ${maxRows.toLocaleString("en")} rows, the most Excel holds`);
    this.name = "SheetRowLimitError";
  }
}

type Batches<Row> = AsyncIterable<Iterable<Row>> | Iterable<Iterable<Row>>;

function iteratorOf<Row>(
  batches: Batches<Row>,
): AsyncIterator<Iterable<Row>> | Iterator<Iterable<Row>> {
  return Symbol.asyncIterator in batches
    ? batches[Symbol.asyncIterator]()
    : batches[Symbol.iterator]();
}

export interface XlsxStreamOptions {
  /** The sheet's tab name. */
  sheetName: string;
  /** Data rows allowed (tests lower it); one more fails the download. */
  maxRows?: number;
}

/** Resolves when `out` has bytes to read, has ended or failed, or after `ms` if given. */
function readable(out: PassThrough, ms?: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const events = ["readable", "end", "error", "close"] as const;
    const done = () => {
      clearTimeout(timer);
      for (const e of events) out.off(e, done);
      resolve();
    };
    for (const e of events) out.on(e, done);
    if (ms !== undefined) timer = setTimeout(done, ms);
  });
}

/**
 * The workbook's bytes. Frozen header row, an autofilter over every written row, the
 * columns' widths and number formats. When `batches` fails (or a batch would pass the row
 * limit), the stream errors before the zip is finished: the download breaks instead of
 * ending as a shorter file that opens. Cancelling stops the source via its `return()`.
 */
export function xlsxReadableStream<Row>(
  columns: readonly SheetColumn<Row>[],
  batches: Batches<Row>,
  { sheetName, maxRows = EXCEL_MAX_DATA_ROWS }: XlsxStreamOptions,
): ReadableStream<Uint8Array> {
  if (columns.length === 0) throw new RangeError("A sheet needs at least one column");
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  let failure: unknown = null;
  out.on("error", (err) => {
    failure ??= err;
  });
  // Shared strings would keep every distinct text in memory until the end: inline strings.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: "frozen", ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
  });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();

  const iterator = iteratorOf(batches);
  let rows = 0;
  let writing = true; // records still to come
  let finishing: Promise<void> | null = null;

  /** Writes the next batch, or finishes the workbook after the last. */
  async function writeNext(): Promise<void> {
    const next = await iterator.next();
    if (next.done) {
      writing = false;
      sheet.autoFilter = {
        from: { row: 1, column: 1 },
        to: { row: rows + 1, column: columns.length },
      };
      finishing = workbook.commit().catch((err: unknown) => {
        failure ??= err;
      });
      return;
    }
    for (const record of next.value) {
      rows += 1;
      if (rows > maxRows) throw new SheetRowLimitError(maxRows);
      sheet.addRow(columns.map((c) => c.get(record))).commit();
    }
  }

  async function stop(reason?: unknown): Promise<void> {
    writing = false;
    try {
      await iterator.return?.(reason);
    } catch {
      // ignored: the first failure is the one worth reporting
    }
    out.destroy();
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            if (failure) throw failure;
            const chunk = out.read() as Buffer | null;
            if (chunk) {
              controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
              return;
            }
            if (out.readableEnded) {
              await finishing;
              if (failure) throw failure;
              controller.close();
              return;
            }
            if (writing) {
              // Nothing to send yet: more rows. The zip compresses asynchronously: let it
              // catch up before the next batch, so rows do not pile up ahead of the output.
              await writeNext();
              await readable(out, 20);
            } else {
              await readable(out);
            }
          }
        } catch (error) {
          failure ??= error;
          await stop(error);
          throw error;
        }
      },
      async cancel(reason) {
        await stop(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
