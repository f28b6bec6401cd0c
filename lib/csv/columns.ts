import { isPhoneLike } from "@/lib/phone/number";
import { neutraliseFormula } from "./formula";
import { cellText, csvHeader, csvRows, UTF8_BOM, type CsvCell } from "./serialise";

/**
 * How a column is written:
 * - "text":   free text from outside (message bodies, names): formula-neutralised.
 * - "phone":  MSISDNs such as +447700900123 or 0044…: written exactly, leading zeros kept;
 *             a value that does not look like a number (isPhoneLike) is treated as text.
 * - "number": counts and amounts: written exactly; pass exact decimals as strings.
 * - "raw":    values we produce ourselves (ids, timestamps, enums): written exactly.
 */
export type CsvColumnKind = "text" | "phone" | "number" | "raw";

export interface CsvColumn<Row> {
  header: string;
  kind: CsvColumnKind;
  get: (row: Row) => CsvCell;
}

/** Columns of a part of a row (e.g. the message of a report row), as columns of the row. */
export function columnsOf<Row, Part>(
  columns: readonly CsvColumn<Part>[],
  part: (row: Row) => Part,
): CsvColumn<Row>[] {
  return columns.map(({ header, kind, get }) => ({ header, kind, get: (row) => get(part(row)) }));
}

/**
 * A cell's text as it goes to the serialiser: "text" (and a phone column holding text)
 * neutralised, everything else as it is. Quoting is the serialiser's.
 */
export function csvCellText(text: string, kind: CsvColumnKind): string {
  const free = kind === "text" || (kind === "phone" && !isPhoneLike(text));
  return free ? neutraliseFormula(text) : text;
}

/** The cells of one record, with "text" (and phone columns holding text) neutralised. */
export function toCsvCells<Row>(row: Row, columns: readonly CsvColumn<Row>[]): string[] {
  return columns.map((column) => csvCellText(cellText(column.get(row)), column.kind));
}

export interface CsvEncoder<Row> {
  readonly columns: readonly CsvColumn<Row>[];
  /** The first chunk of a file: BOM (unless disabled) and the header line. */
  header(): string;
  /** CSV lines for a batch of records; "" for an empty batch. */
  rows(records: Iterable<Row>): string;
}

export interface CsvEncoderOptions {
  /** Start the file with a UTF-8 byte-order mark so Excel detects the encoding. Default true. */
  bom?: boolean;
}

/**
 * Pure string building, so a route handler can encode each page of API results as it
 * arrives and enqueue it into a ReadableStream (see ./stream) without holding the file.
 */
export function createCsvEncoder<Row>(
  columns: readonly CsvColumn<Row>[],
  { bom = true }: CsvEncoderOptions = {},
): CsvEncoder<Row> {
  if (columns.length === 0) throw new RangeError("A CSV file needs at least one column");
  return {
    columns,
    header: () => (bom ? UTF8_BOM : "") + csvHeader(columns),
    rows: (records) => csvRows(Array.from(records, (record) => toCsvCells(record, columns))),
  };
}
