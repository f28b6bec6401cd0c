// The download links' other format, for the browser (no zod here: the "Download Excel" buttons
// are in the first load of their pages). The `format` parameter itself is parsed by the
// routes in ./format.ts.

export type ExportFormat = "csv" | "xlsx";

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
