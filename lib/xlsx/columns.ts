import type { CsvColumn } from "@/lib/csv/columns";
import { cellText } from "@/lib/csv/serialise";

// The Excel downloads' columns are the CSV downloads' columns (lib/export/columns.ts,
// lib/compliance/csv.ts: same headers, order and values), with a cell type for each, so a
// spreadsheet shows what the CSV only spells out:
// - "text": ids, phone numbers, statuses, free text. A string cell (never a number, so
//   447484406059 is not shown as 4.47E+11 and 0415704927 keeps its zero; never a formula,
//   whatever it starts with). No apostrophe prefix: a string cell needs no neutralising.
// - "number": counts and costs, as numbers Excel can add up (the currency is its own
//   column). A cost is the API's exact decimal, turned into the nearest double only here.
// - "instant": a real Excel date-time showing the wall-clock time in the export's zone at
//   that instant (the CSV cell's own local time: lib/time's offset for each instant).

export type SheetCellType = "text" | "number" | "instant";
export type SheetCell = string | number | Date | null;

export interface SheetColumn<Row> {
  header: string;
  type: SheetCellType;
  /** Width in characters. */
  width: number;
  /** Excel number format of the column's cells (none for text: General shows it as is). */
  numFmt?: string;
  get: (row: Row) => SheetCell;
}

interface SheetLayout {
  type: SheetCellType;
  width: number;
}

/**
 * Every CSV header's cell type and width. A CSV column missing here makes sheetColumnsOf
 * throw (a test downloads every export), so a new column gets a deliberate type.
 */
export const SHEET_LAYOUT: Readonly<Record<string, SheetLayout>> = {
  id: { type: "text", width: 24 },
  created: { type: "instant", width: 20 },
  modified: { type: "instant", width: 20 },
  originator: { type: "text", width: 16 },
  recipient: { type: "text", width: 16 },
  body: { type: "text", width: 60 },
  status: { type: "text", width: 14 },
  direction: { type: "text", width: 10 },
  inReplyTo: { type: "text", width: 24 },
  routeId: { type: "text", width: 14 },
  parts: { type: "number", width: 7 },
  cost: { type: "number", width: 10 },
  currency: { type: "text", width: 9 },
  senderReference: { type: "text", width: 18 },
  campaignId: { type: "text", width: 18 },
  mobile: { type: "text", width: 16 },
  note: { type: "text", width: 40 },
  optoutCreated: { type: "instant", width: 20 },
  optoutNote: { type: "text", width: 40 },
};

// Text cells get no format: each styled cell costs exceljs a style lookup (about half the
// writing time with "@" on every text column), and a string cell stays a string anyway.
const NUM_FMT: Record<SheetCellType, string | undefined> = {
  text: undefined,
  // Two decimals at least, every decimal the API sent (up to 10) shown.
  number: "0.00########",
  instant: "yyyy-mm-dd hh:mm:ss",
};
const WHOLE_NUMBER_FMT = "0";

// The CSV's instant cell: "2023-07-01T11:10:34+10:00" (lib/export/iso-time.ts).
const ISO_LOCAL = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[+-]\d\d:\d\d|Z)$/;

/**
 * An Excel date-time for the local time written in an ISO cell. Excel date-times have no
 * zone: exceljs stores a Date's UTC fields, so the wall-clock fields go in as UTC.
 */
export function excelLocalTime(iso: string): Date {
  const m = ISO_LOCAL.exec(iso);
  if (!m) throw new Error(`Not an instant written by the export: ${iso}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, ...number[]];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function numberCell(value: string | number): number | string {
  const n = typeof value === "number" ? value : Number(value);
  // Not a number after all (the API client checks costs, so this is a safeguard): as text.
  return Number.isFinite(n) ? n : String(value);
}

/** The sheet columns of an export's CSV columns, instants named with their zone. */
export function sheetColumnsOf<Row>(
  columns: readonly CsvColumn<Row>[],
  timeZone: string,
): SheetColumn<Row>[] {
  return columns.map(({ header, get }) => {
    const layout = SHEET_LAYOUT[header];
    if (!layout) throw new Error(`No Excel cell type for the CSV column "${header}"`);
    const { type, width } = layout;
    const base = { type, width, numFmt: NUM_FMT[type] };
    if (type === "instant") {
      return {
        ...base,
        header: `${header} (${timeZone})`,
        get: (row) => {
          const v = get(row);
          return v === null || v === "" ? null : excelLocalTime(String(v));
        },
      };
    }
    if (type === "number") {
      return {
        ...base,
        header,
        numFmt: header === "parts" ? WHOLE_NUMBER_FMT : base.numFmt,
        get: (row) => {
          const v = get(row);
          return v === null || v === "" ? null : numberCell(v);
        },
      };
    }
    // Text: the value itself (cellText only turns numbers into their text), never the CSV's
    // formula-neutralised form; a "phone" column is text too.
    return {
      ...base,
      header,
      get: (row) => {
        const v = get(row);
        return v === null ? null : cellText(v);
      },
    };
  });
}
