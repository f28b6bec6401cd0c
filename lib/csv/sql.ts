import type { CsvColumnKind } from "./columns";
import { FORMULA_PREFIX, FORMULA_TRIGGERS } from "./formula";

// The cell rules of ./columns, ./formula and ./serialise written as PostgreSQL expressions,
// for CSV files that PostgreSQL writes itself (COPY; lib/mirror/exports). They must give the
// very bytes the TypeScript rules give: sql.test.ts runs both on hostile text. Any change to
// the TypeScript rules belongs here too.
//
// Everything is built as SQL text with literals inlined (COPY takes no bind parameters), and
// without backslashes, so the text means the same whatever standard_conforming_strings says.

/**
 * Characters JavaScript's `\s` matches: serialise.ts quotes a cell that starts or ends with
 * one (`quoted_match: /^\s|\s$/`). sql.test.ts checks this list against `\s` itself.
 */
export const JS_WHITESPACE: readonly string[] = [
  "\t",
  "\n",
  "\u000B",
  "\f",
  "\r",
  " ",
  "\u00A0",
  "\u1680",
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  "\u2028",
  "\u2029",
  "\u202F",
  "\u205F",
  "\u3000",
  "\uFEFF",
];

/** A SQL string literal. PostgreSQL text cannot hold NUL, so such a value is refused. */
export function sqlLiteral(value: string): string {
  if (value.includes("\0")) throw new RangeError("Text with a NUL character cannot be sent");
  if (value.includes("\\")) {
    // E'' so that the backslash is read the same way with either string setting.
    return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
  }
  return `'${value.replaceAll("'", "''")}'`;
}

const TRIGGER_LIST = FORMULA_TRIGGERS.map(sqlLiteral).join(", ");
// lib/phone's isPlusDigits (/^\+\d+$/) and isPhoneLike (/^\+?\d[\d ]*$/): \d is ASCII there.
const PLUS_DIGITS = sqlLiteral("^[+][0-9]+$");
const PHONE_LIKE = sqlLiteral("^[+]?[0-9][0-9 ]*$");

// Anything that can make a text cell differ from its value: a formula trigger first, or what
// makes serialise.ts quote (NEEDS_QUOTES). "+447700900123" (text) and a phone number with a
// digit at both ends (phone) are never changed either, though they start with a trigger.
// Written with regular-expression escapes (\uXXXX) for everything outside printable ASCII,
// so the text stays plain ASCII where it is stored (migration 0007, csv_changed).
const reChar = (c: string) =>
  /^[\x20-\x7e]$/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
const reBracket = (chars: readonly string[]) =>
  `[${chars
    .filter((c) => c !== "-")
    .map(reChar)
    .join("")}${chars.includes("-") ? "-" : ""}]`;
const MAY_CHANGE = sqlLiteral(
  `^${reBracket(FORMULA_TRIGGERS)}|[",${reChar("\r")}${reChar("\n")}]|^${reBracket(JS_WHITESPACE)}|${reBracket(JS_WHITESPACE)}$`,
);
// serialise.ts: a comma, quote, CR or LF anywhere, or whitespace at either edge.
const NEEDS_QUOTES = sqlLiteral(
  `[",${reChar("\r")}${reChar("\n")}]|^${reBracket(JS_WHITESPACE)}|${reBracket(JS_WHITESPACE)}$`,
);
const PLAIN_PHONE = sqlLiteral("^[+]?[0-9]([0-9 ]*[0-9])?$");

/** formula.ts neutraliseFormula of a non-null text expression. */
export function neutraliseFormulaSql(value: string): string {
  return `(case when left(${value}, 1) in (${TRIGGER_LIST}) and ${value} !~ ${PLUS_DIGITS} then ${sqlLiteral(FORMULA_PREFIX)} || ${value} else ${value} end)`;
}

/** serialise.ts's quoting of one field (RFC 4180, edge spaces) of a non-null expression. */
export function csvQuoteSql(value: string): string {
  return `(case when ${value} ~ ${NEEDS_QUOTES} then '"' || replace(${value}, '"', '""') || '"' else ${value} end)`;
}

/**
 * One CSV field, as toCsvCells then csvRows write it in a row of two or more columns, of a
 * SQL expression of type text (null allowed: an empty cell, as cellText writes null).
 * "number" and "raw" expressions must already be the exact text (e.g. numeric::text, an
 * ISO time): they are written as they are, and never hold a comma, quote or edge space.
 */
export function csvFieldSql(expression: string, kind: CsvColumnKind): string {
  const v = `coalesce(${expression}, '')`;
  switch (kind) {
    case "text":
      return csvQuoteSql(neutraliseFormulaSql(v));
    case "phone":
      return csvQuoteSql(
        `(case when ${v} ~ ${PHONE_LIKE} then ${v} else ${neutraliseFormulaSql(v)} end)`,
      );
    case "number":
    case "raw":
      return csvQuoteSql(v);
  }
}

/**
 * A boolean SQL expression: true when csvFieldSql writes this text or phone value as it is
 * (null counts, as the empty cell). Conservative: false only costs the full rules.
 */
export function csvCellUnchangedSql(expression: string, kind: "text" | "phone"): string {
  const v = `coalesce(${expression}, '')`;
  const exception = kind === "text" ? PLUS_DIGITS : PLAIN_PHONE;
  return `(${v} !~ ${MAY_CHANGE} or ${v} ~ ${exception})`;
}

export interface CsvFieldSql {
  expression: string;
  kind: CsvColumnKind;
  /**
   * A boolean SQL expression, true when the cell is written as its value: csvCellUnchangedSql
   * of it, or something that stands for it and costs less (a bit precomputed when the row was
   * stored), or "true" for "number" and "raw" expressions the caller wrote itself (their text
   * never needs quotes). The value is then written as it is, without the full rules.
   */
  unchangedWhen?: string;
}

/**
 * A whole CSV line (CRLF-terminated) of two or more fields. The full rules evaluate a value
 * several times over (PostgreSQL does not share common subexpressions): they were 3 of the
 * 4 s a 300 k-row export took. A field's `unchangedWhen` keeps them for the few cells that
 * need them.
 */
export function csvLineSql(fields: readonly CsvFieldSql[]): string {
  // A one-field row is written differently (an empty field is quoted): not needed here.
  if (fields.length < 2) throw new RangeError("csvLineSql writes rows of two or more fields");
  const cells = fields.map((f) => {
    const full = csvFieldSql(f.expression, f.kind);
    if (f.unchangedWhen === undefined) return full;
    const value = `coalesce(${f.expression}, '')`;
    if (f.unchangedWhen === "true") return value;
    return `(case when ${f.unchangedWhen} then ${value} else ${full} end)`;
  });
  return `${cells.join(" || ',' || ")} || ${sqlLiteral("\r\n")}`;
}
