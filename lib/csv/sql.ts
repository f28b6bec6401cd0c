import type { CsvColumnKind } from "./columns";
import { CSV_FORMULA, CSV_QUOTES } from "./changed";
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

// chr() for the triggers outside printable ASCII, so the SQL stays plain ASCII wherever it
// is written down (migration 0010); PostgreSQL folds them into constants.
const TRIGGER_LIST = FORMULA_TRIGGERS.map((c) =>
  /^[\x20-\x7e]$/.test(c) ? sqlLiteral(c) : `chr(${c.codePointAt(0)})`,
).join(", ");
// lib/phone's isPlusDigits (/^\+\d+$/) and isPhoneLike (/^\+?\d[\d ]*$/): \d is ASCII there.
const PLUS_DIGITS = sqlLiteral("^[+][0-9]+$");
const PHONE_LIKE = sqlLiteral("^[+]?[0-9][0-9 ]*$");

// serialise.ts's csvNeedsQuotes: a comma, quote, CR or LF anywhere, or whitespace at either
// edge. Written with regular-expression escapes (\uXXXX) for everything outside printable
// ASCII, so the text stays plain ASCII where it is stored (migration 0010).
const reChar = (c: string) =>
  /^[\x20-\x7e]$/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
const reBracket = (chars: readonly string[]) => `[${chars.map(reChar).join("")}]`;
const NEEDS_QUOTES = sqlLiteral(
  `[",${reChar("\r")}${reChar("\n")}]|^${reBracket(JS_WHITESPACE)}|${reBracket(JS_WHITESPACE)}$`,
);

/** formula.ts neutraliseFormula of a non-null text expression. */
function neutraliseFormulaSql(value: string): string {
  return `(case when left(${value}, 1) in (${TRIGGER_LIST}) and ${value} !~ ${PLUS_DIGITS} then ${sqlLiteral(FORMULA_PREFIX)} || ${value} else ${value} end)`;
}

/** serialise.ts's quoting of one field (RFC 4180, edge spaces) of a non-null expression. */
function csvQuoteSql(value: string): string {
  return `(case when ${value} ~ ${NEEDS_QUOTES} then '"' || replace(${value}, '"', '""') || '"' else ${value} end)`;
}

/** columns.ts csvCellText of a non-null expression: the cell's text before quoting. */
function csvCellTextSql(value: string, kind: CsvColumnKind): string {
  switch (kind) {
    case "text":
      return neutraliseFormulaSql(value);
    case "phone":
      return `(case when ${value} ~ ${PHONE_LIKE} then ${value} else ${neutraliseFormulaSql(value)} end)`;
    case "number":
    case "raw":
      return value;
  }
}

/**
 * One CSV field, as toCsvCells then csvRows write it in a row of two or more columns, of a
 * SQL expression of type text (null allowed: an empty cell, as cellText writes null).
 * "number" and "raw" expressions must already be the exact text (e.g. numeric::text, an
 * ISO time): they are written as they are, and never hold a comma, quote or edge space.
 */
function csvFieldSql(expression: string, kind: CsvColumnKind): string {
  return csvQuoteSql(csvCellTextSql(`coalesce(${expression}, '')`, kind));
}

/**
 * changed.ts csvCellRules of a text or phone expression (null allowed), as an integer SQL
 * expression: CSV_FORMULA plus CSV_QUOTES. For fills written by SQL, migrations, and cells
 * nobody computed bits for (opt-outs): one regular expression for the quotes, and one
 * more only for a value that starts with a formula trigger.
 */
export function csvCellRulesSql(expression: string, kind: "text" | "phone"): string {
  const v = `coalesce(${expression}, '')`;
  const written = csvCellTextSql(v, kind);
  return `((case when ${written} = ${v} then 0 else ${CSV_FORMULA} end) + (case when ${written} ~ ${NEEDS_QUOTES} then ${CSV_QUOTES} else 0 end))`;
}

export interface CsvFieldSql {
  expression: string;
  kind: CsvColumnKind;
  /**
   * How the cell is written, as an integer SQL expression of changed.ts's bits (CSV_FORMULA,
   * CSV_QUOTES): csvCellRulesSql of it, or bits precomputed when the row was stored, or "0"
   * for "number" and "raw" expressions the caller wrote itself (their text never needs
   * quotes). Without it the full rules run, which evaluate the value several times over.
   */
  rules?: string;
}

/**
 * A whole CSV line (CRLF-terminated) of two or more fields. The full rules evaluate a value
 * several times over (PostgreSQL does not share common subexpressions): they were 3 of the
 * 4 s a 300 k-row export took. A field's `rules` write the cell from its bits instead, with
 * no regular expression when they were stored with the row.
 */
export function csvLineSql(fields: readonly CsvFieldSql[]): string {
  // A one-field row is written differently (an empty field is quoted): not needed here.
  if (fields.length < 2) throw new RangeError("csvLineSql writes rows of two or more fields");
  const cells = fields.map((f) => {
    if (f.rules === undefined) return csvFieldSql(f.expression, f.kind);
    const value = `coalesce(${f.expression}, '')`;
    if (f.rules === "0") return value;
    const prefix = sqlLiteral(FORMULA_PREFIX);
    const quoted = (text: string) => `'"' || ${text} || '"'`;
    const inner = `replace(${value}, '"', '""')`;
    // The prefix holds no quote, so quoting the prefixed value is prefixing the quoted one.
    return `(case ${f.rules} when 0 then ${value} when ${CSV_FORMULA} then ${prefix} || ${value}
      when ${CSV_QUOTES} then ${quoted(inner)} else ${quoted(`${prefix} || ${inner}`)} end)`;
  });
  return `${cells.join(" || ',' || ")} || ${sqlLiteral("\r\n")}`;
}
