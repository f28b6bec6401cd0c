import "server-only";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { sqlLiteral } from "@/lib/csv/sql";

// COPY (query) takes no bind parameters, so the filters (built with drizzle's sql`` like every
// other mirror query, e.g. lib/mirror/messages/list.ts whereOf) are rendered with their
// values written as literals. Only strings, finite numbers, booleans, null and arrays of
// those can be written; anything else is refused rather than guessed.

const dialect = new PgDialect();

function literalOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return sqlLiteral(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `array[${value.map(literalOf).join(", ")}]`;
  throw new TypeError(`Cannot write a ${typeof value} as a SQL literal`);
}

/** The SQL text of `query` with each $n replaced by its value as a literal. */
export function inlineSql(query: SQL): string {
  const { sql, params } = dialect.sqlToQuery(query);
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new RangeError(`No parameter $${n}`);
    return literalOf(params[index]);
  });
}
