// The browser build is used on purpose: the Node build of csv-stringify touches the global
// `Buffer` when it loads, which does not exist in the browser. This entry bundles what it
// needs and behaves identically on the server.
import { stringify, type Options } from "csv-stringify/browser/esm/sync";

/** A value as it goes into one cell; null becomes an empty cell. */
export type CsvCell = string | number | null;

/** Byte-order mark: without it Excel opens UTF-8 as the local code page and mangles Unicode. */
export const UTF8_BOM = "\uFEFF";

export const CRLF = "\r\n";

// RFC 4180: comma separator, CRLF after every row (including the last), and fields holding a
// comma, quote, CR or LF wrapped in quotes with inner quotes doubled. csv-stringify stops
// quoting lone CR/LF once a record delimiter is chosen, so `quote_record_delimiter` puts it
// back. Edge spaces are quoted too: some readers trim unquoted fields.
const OPTIONS: Options = {
  delimiter: ",",
  record_delimiter: "windows",
  quote_record_delimiter: true,
  quoted_match: /^\s|\s$/,
  eof: true,
};

// What the options above quote in a row of two or more fields: a comma, quote, CR or LF
// anywhere, or whitespace at either edge. serialise.test.ts checks it against csvRows.
const QUOTED = /[",\r\n]|^\s|\s$/;

/** True when csvRows quotes this cell's text (in a row of two or more fields). */
export function csvNeedsQuotes(text: string): boolean {
  return QUOTED.test(text);
}

/**
 * Text of one cell. Numbers use JavaScript's shortest round-trip form, so amounts that must
 * stay exact (costs such as "0.0425") should be passed as strings. NaN/Infinity are not
 * values and become an empty cell, like null.
 */
export function cellText(value: CsvCell | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return value;
}

/** Serialises rows as they are (no formula neutralisation; see toCsvCells for that). */
export function csvRows(rows: readonly (readonly (CsvCell | undefined)[])[]): string {
  if (rows.length === 0) return "";
  const cells = rows.map((row) => {
    // A zero-field record cannot be written in CSV; it would read back as one empty field.
    if (row.length === 0) throw new RangeError("A CSV row needs at least one field");
    return row.map(cellText);
  });
  // A lone empty field would be an empty line, which many readers skip; quoting it ("")
  // keeps the row. Only single-field rows need it, so other files stay unquoted.
  const quotedEmpty = cells.some((row) => row.length === 1);
  return stringify(cells, { ...OPTIONS, quoted_empty: quotedEmpty });
}

/** One CRLF-terminated CSV line. */
export function csvRow(values: readonly (CsvCell | undefined)[]): string {
  return csvRows([values]);
}

/** The header line, from column names or column definitions. */
export function csvHeader(columns: readonly (string | { header: string })[]): string {
  return csvRow(columns.map((c) => (typeof c === "string" ? c : c.header)));
}
