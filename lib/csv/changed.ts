import { isPhoneLike } from "@/lib/phone/number";
import { needsFormulaNeutralising } from "./formula";

// What serialise.ts quotes: a comma, quote, CR or LF anywhere (RFC 4180 and the record
// delimiter), or whitespace at either edge (its `quoted_match`).
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * True when the CSV rules (toCsvCells, then csvRows in a row of two or more fields) write
 * this value of a text or phone column as anything other than the value itself: a formula
 * prefix, or quotes. null is the empty cell, never changed. Computed when the mirror stores
 * a message (its csv_changed bits), so an export can write every other cell as it is;
 * changed.test.ts checks it against the rules on hostile text.
 */
export function csvCellChanged(value: string | null, kind: "text" | "phone"): boolean {
  if (value === null || value === "") return false;
  const free = kind === "text" || !isPhoneLike(value);
  return (free && needsFormulaNeutralising(value)) || NEEDS_QUOTES.test(value);
}
