import { z } from "zod";

// The downloads' file format: `format=xlsx` asks the same route for an Excel workbook of the
// same rows (same columns, filters, permissions, audit and limits); without it, the CSV.

export type ExportFormat = "csv" | "xlsx";

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

/** The workbook's name from the CSV's; a search's file says it holds only the matches. */
export function xlsxFilename(csvFilename: string, opts: { filtered?: boolean } = {}): string {
  const base = csvFilename.replace(/\.csv$/, "");
  return `${base}${opts.filtered ? "_filtered" : ""}.xlsx`;
}

/** A download link in the other format: the same path and parameters, `format` set or removed. */
export function withExportFormat(href: string, format: ExportFormat): string {
  const q = href.indexOf("?");
  const path = q === -1 ? href : href.slice(0, q);
  const params = new URLSearchParams(q === -1 ? "" : href.slice(q + 1));
  params.delete("format");
  if (format === "xlsx") params.set("format", "xlsx");
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
