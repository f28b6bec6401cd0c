import * as z from "zod/mini";
import { errorInfoSchema } from "@/lib/http/error-body";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import { answerSourceSchema, type AnswerSource } from "@/lib/mirror/answer-source";

// The NDJSON protocol of every whole-range report (Spend, Delivery, Compliance): progress
// lines while reading, then exactly one result or error line. Generic over the result and
// the extra progress fields. The browser parses each line with a report's schema: a line it
// cannot read is reported as an error, never rendered half-understood. The line schemas use
// zod/mini, not classic zod: they are in the first load of every report page, where classic
// zod alone would be some 31 KiB (gzip); the checks are the same.

export const REPORT_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

export const countSchema = z.int().check(z.gte(0));

/** Every progress line has these; a report may add its own fields. */
export interface BaseProgress {
  records: number;
  pages: number;
}

/** A progress line as the browser receives it. */
export type ProgressLine = { type: "progress"; elapsedMs: number } & BaseProgress;

export type ReportLine<Result, Progress> =
  | ({ type: "progress" } & Progress & { elapsedMs: number })
  | { type: "result"; data: Result }
  | { type: "error"; error: ApiErrorInfo };

/** What every finished read reports besides its summary (a report may add fields). */
export interface ReadInfo {
  /** Pages read (of the messages, for a report that reads more than one list). */
  pages: number;
  elapsedMs: number;
  /** Epoch ms when the read finished (a server-cached answer keeps its original time). */
  readAt: number;
  /** True when the answer came from the server's cache. */
  cached: boolean;
  /** The local copy (then `pages` is 0 and `elapsedMs` the database's time) or a live read. */
  source: AnswerSource;
}

export const readInfoShape = {
  pages: countSchema,
  elapsedMs: countSchema,
  readAt: z.number(),
  cached: z.boolean(),
  source: answerSourceSchema,
};

/** The line schema of a report, from its result schema and its extra progress fields. */
export function reportLineSchema<R extends z.ZodMiniType, P extends z.core.$ZodLooseShape>(
  result: R,
  progress: P,
) {
  return z.discriminatedUnion("type", [
    z.object({
      type: z.literal("progress"),
      records: countSchema,
      pages: countSchema,
      elapsedMs: countSchema,
      ...progress,
    }),
    z.object({ type: z.literal("result"), data: result }),
    z.object({ type: z.literal("error"), error: errorInfoSchema }),
  ]);
}
