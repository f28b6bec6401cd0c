import { isPlusDigits } from "@/lib/phone/number";

// Spreadsheet formula ("CSV") injection: Excel, LibreOffice and Google Sheets run a cell
// that starts with one of these as a formula, so message text like =HYPERLINK("…") from
// a stranger would become live. Prefixing an apostrophe makes the cell plain text.
// The full-width forms are included because Apple Numbers normalises them to ASCII.
// The SQL twin of this rule (CSV exports written by PostgreSQL) is built from the same list
// in ./sql.ts; sql.test.ts checks both agree.
export const FORMULA_TRIGGERS: readonly string[] = [
  "=",
  "+",
  "-",
  "@",
  "\t",
  "\r",
  "\uFF1D",
  "\uFF0B",
  "\uFF0D",
  "\uFF20",
];
const TRIGGERS = new Set(FORMULA_TRIGGERS);

export const FORMULA_PREFIX = "'";

export function needsFormulaNeutralising(value: string): boolean {
  const first = value[0];
  // "+447700900123" is harmless (a spreadsheet reads it as a number, not a formula) and is
  // the usual way phone numbers appear in message text, so it is not mangled.
  return first !== undefined && TRIGGERS.has(first) && !isPlusDigits(value);
}

/** Makes a free-text cell inert in spreadsheets; every other value is returned unchanged. */
export function neutraliseFormula(value: string): string {
  return needsFormulaNeutralising(value) ? FORMULA_PREFIX + value : value;
}
