import { csvCellText } from "./columns";
import { csvNeedsQuotes } from "./serialise";

/** csvCellRules' bit: the cell is written with the formula prefix before its value. */
export const CSV_FORMULA = 1;
/** csvCellRules' bit: the cell (prefix included) is quoted, its inner quotes doubled. */
export const CSV_QUOTES = 2;

/**
 * How the CSV rules (toCsvCells, then csvRows in a row of two or more fields) write this
 * value of a text or phone column: CSV_FORMULA and/or CSV_QUOTES, 0 when the cell is the
 * value itself. null is the empty cell, 0. Computed when the mirror stores a message (its
 * csv_changed bits), so an export writes every cell from its bits and tests none with a
 * regular expression; changed.test.ts checks it against the rules on hostile text.
 */
export function csvCellRules(value: string | null, kind: "text" | "phone"): number {
  if (value === null || value === "") return 0;
  const written = csvCellText(value, kind);
  return (written === value ? 0 : CSV_FORMULA) | (csvNeedsQuotes(written) ? CSV_QUOTES : 0);
}
