import { z } from "zod";
import { describeZodError } from "@/lib/filters/messages";

// Query parameters of the CSV download routes. The range itself is validated by the shared
// schemas of lib/filters/messages.ts (the same rules as the Messages page); only what is
// specific to a download lives here.

/** `bom=0` leaves out the UTF-8 byte-order mark (which Excel needs, some tools dislike). */
export const bomSchema = z
  .enum(["0", "1"], { error: 'bom must be "0" (no byte-order mark) or "1"' })
  .optional()
  .transform((v) => v !== "0");

/**
 * `live=1` reads Mobivate even when the local copy holds the range (the pages' "Read live
 * from Mobivate"); otherwise a download comes from the copy whenever it can.
 */
export const liveSchema = z
  .enum(["0", "1"], { error: 'live must be "0" (the local copy when it can) or "1" (read live)' })
  .optional()
  .transform((v) => v === "1");

export type ParsedExportParams<T> =
  { ok: true; data: T; bom: boolean; live: boolean } | { ok: false; error: string };

/**
 * Reads the range fields with `schema` and `bom` with bomSchema. An empty value counts as
 * absent (`direction=` means both directions), as forms and the API itself treat it.
 */
export function parseExportParams<T>(
  schema: z.core.$ZodType<T>,
  params: URLSearchParams,
): ParsedExportParams<T> {
  const input: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") input[key] = value;
  const { bom: rawBom, live: rawLive, ...fields } = input;
  const range = z.safeParse(schema, fields);
  const bom = bomSchema.safeParse(rawBom);
  const live = liveSchema.safeParse(rawLive);
  const problems = [
    ...(range.success ? [] : [describeZodError(range.error)]),
    ...(bom.success ? [] : [`bom: ${bom.error.issues[0]?.message ?? "invalid"}`]),
    ...(live.success ? [] : [`live: ${live.error.issues[0]?.message ?? "invalid"}`]),
  ];
  if (!range.success || !bom.success || !live.success) {
    return { ok: false, error: problems.join("; ") };
  }
  return { ok: true, data: range.data, bom: bom.data, live: live.data };
}
