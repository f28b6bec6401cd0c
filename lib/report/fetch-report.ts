import type { z } from "zod";
import type { ApiErrorInfo } from "@/lib/mobivate/errors";
import { spendRefusalSchema as refusalSchema } from "@/lib/spend/protocol";

// Browser side of a whole-range report route (Spend, Compliance, Delivery): reads the NDJSON
// stream line by line, reports progress and resolves with the result. Aborting `signal`
// (Cancel, a new range, leaving the page) aborts the request, which stops the server's
// read of the API too. Used by Spend, Compliance and Delivery.

/** A failure with words a person can act on (the API's, or the dashboard server's). */
export class ReportRequestError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
    this.name = "ReportRequestError";
  }
}

const serverProblem = (message: string) =>
  new ReportRequestError({ kind: "server", message: `${message} Try again.` });

type Line<Result, Progress> =
  | ({ type: "progress" } & Progress)
  | { type: "result"; data: Result }
  | { type: "error"; error: ApiErrorInfo };

export interface FetchReportOptions<Progress> {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

async function refusal(res: Response): Promise<ReportRequestError> {
  let message = `The dashboard server answered ${res.status}.`;
  try {
    message = refusalSchema.parse(await res.json()).error;
  } catch {
    // Not our JSON (a proxy's page): keep the status.
  }
  const kind = res.status === 400 ? "bad-request" : res.status === 401 ? "unauthorized" : "server";
  return new ReportRequestError({ kind, status: res.status, message });
}

export async function fetchReport<Result, Progress>(
  url: string,
  schema: z.ZodType<Line<Result, Progress>>,
  opts: FetchReportOptions<Progress & { type: "progress" }> = {},
): Promise<Result> {
  let res: Response;
  try {
    res = await fetch(url, { signal: opts.signal, cache: "no-store" });
  } catch (err) {
    if (opts.signal?.aborted) throw err; // cancelled: let React Query see the abort
    throw new ReportRequestError({
      kind: "network",
      message: "Could not reach the dashboard server. Check your connection, then try again.",
    });
  }
  if (!res.ok) throw await refusal(res);
  if (!res.body) throw serverProblem("The dashboard server sent an empty answer.");

  const parseLine = (text: string) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw serverProblem("The dashboard server sent an unreadable answer.");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw serverProblem("The dashboard server sent an unexpected answer.");
    return parsed.data;
  };

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += value;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const text = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!text) continue;
        const line = parseLine(text);
        if (line.type === "progress") opts.onProgress?.(line);
        else if (line.type === "result") return line.data;
        else throw new ReportRequestError(line.error);
      }
      if (done) break;
    }
  } catch (err) {
    if (err instanceof ReportRequestError || opts.signal?.aborted) throw err;
    throw serverProblem("The connection to the dashboard server broke off while reading.");
  } finally {
    reader.cancel().catch(() => {});
  }
  throw serverProblem("The dashboard server stopped before the read was finished.");
}
