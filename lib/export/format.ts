import { z } from "zod";
import type { ExportFormat } from "./format-link";

// The downloads' file format: `format=xlsx` asks the same route for an Excel workbook of the
// same rows (same columns, filters, permissions, audit and limits); without it, the CSV.

export { withExportFormat, type ExportFormat } from "./format-link";

export const formatSchema = z
  .enum(["csv", "xlsx"], { error: 'format must be "csv" or "xlsx" (an Excel workbook)' })
  .optional()
  .transform((v): ExportFormat => v ?? "csv");

/** The `format` parameter (empty counts as absent, like the other download parameters). */
export function parseExportFormat(
  params: URLSearchParams,
): { ok: true; format: ExportFormat } | { ok: false; error: string } {
  const parsed = formatSchema.safeParse(params.get("format") || undefined);
  if (!parsed.success) {
    return { ok: false, error: `format: ${parsed.error.issues[0]?.message ?? "invalid"}` };
  }
  return { ok: true, format: parsed.data };
}

/** The workbook's name: the CSV's (a search's already ends in _filtered), as .xlsx. */
export function xlsxFilename(csvFilename: string): string {
  return `${csvFilename.replace(/\.csv$/, "")}.xlsx`;
}
