import type * as z from "zod/mini";
import { errorBodySchema } from "@/lib/http/error-body";
import {
  busy,
  forbiddenByRole,
  internalError,
  invalidInput,
  signedOut,
} from "@/lib/errors/dashboard";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import type { ReportLine } from "./protocol";

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
  new ReportRequestError(internalError(`${message} Try again.`));

export interface FetchReportOptions<Progress> {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/**
 * A refusal before any line: the dashboard's own (the guard, proxy.ts or the route's
 * parameter check), in the one error body (lib/http/error-body.ts), which keeps its kind: an
 * ended session is "signed-out", a role without the permission "forbidden", never a rejected
 * API key (the provider's failures come as an error line). A body that is not ours (a proxy's
 * page) is worded by its status alone.
 */
export function describeRefusal(status: number, body: unknown): ApiErrorInfo {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return { ...parsed.data.error, status };
  if (status === 401) return signedOut();
  if (status === 403) {
    return forbiddenByRole("Your role does not allow this report. Ask an admin if you need it.");
  }
  if (status === 429) return busy("The dashboard server is busy. Try again in a moment.");
  if (status === 400 || status === 411 || status === 413 || status === 414) {
    return { ...invalidInput(`The dashboard server answered ${status}.`), status };
  }
  return { ...internalError(`The dashboard server answered ${status}. Try again.`), status };
}

async function refusal(res: Response): Promise<ReportRequestError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    // Not our JSON (a proxy's page): the status alone decides the words.
  }
  return new ReportRequestError(describeRefusal(res.status, body));
}

export async function fetchReport<Result, Progress>(
  url: string,
  schema: z.ZodMiniType<ReportLine<Result, Progress>>,
  opts: FetchReportOptions<Progress & { type: "progress" }> = {},
): Promise<Result> {
  let res: Response;
  try {
    res = await fetch(url, { signal: opts.signal, cache: "no-store" });
  } catch (err) {
    if (opts.signal?.aborted) throw err; // cancelled: let React Query see the abort
    throw new ReportRequestError({
      kind: "unreachable",
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
