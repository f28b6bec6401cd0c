import type { ApiErrorInfo } from "@/lib/mobivate/errors";
import { spendLineSchema, spendRefusalSchema, type ProgressLine } from "./protocol";
import { spendSearchParams } from "./query";
import type { SpendQuery, SpendResult } from "./types";

// Browser side of `GET /api/spend`: reads the NDJSON stream line by line, reports progress
// and resolves with the summary. Aborting `signal` (Cancel, a new range, leaving the page)
// aborts the request, which stops the server's read of the API too.

/** A failure with words a person can act on (the API's, or the dashboard server's). */
export class SpendRequestError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
    this.name = "SpendRequestError";
  }
}

const serverProblem = (message: string) =>
  new SpendRequestError({ kind: "server", message: `${message} Try again.` });

export interface FetchSpendOptions {
  signal?: AbortSignal;
  /** Skip the server's cache and read the API again. */
  refresh?: boolean;
  onProgress?: (p: ProgressLine) => void;
}

async function refusal(res: Response): Promise<SpendRequestError> {
  let message = `The dashboard server answered ${res.status}.`;
  try {
    message = spendRefusalSchema.parse(await res.json()).error;
  } catch {
    // Not our JSON (a proxy's page): keep the status.
  }
  const kind = res.status === 400 ? "bad-request" : "server";
  return new SpendRequestError({ kind, status: res.status, message });
}

function parseLine(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw serverProblem("The dashboard server sent an unreadable answer.");
  }
  const parsed = spendLineSchema.safeParse(json);
  if (!parsed.success) throw serverProblem("The dashboard server sent an unexpected answer.");
  return parsed.data;
}

export async function fetchSpend(
  query: SpendQuery,
  opts: FetchSpendOptions = {},
): Promise<SpendResult> {
  let res: Response;
  try {
    res = await fetch(`/api/spend?${spendSearchParams(query, opts.refresh)}`, {
      signal: opts.signal,
      cache: "no-store",
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err; // cancelled: let React Query see the abort
    throw new SpendRequestError({
      kind: "network",
      message: "Could not reach the dashboard server. Check your connection, then try again.",
    });
  }
  if (!res.ok) throw await refusal(res);
  if (!res.body) throw serverProblem("The dashboard server sent an empty answer.");

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
        else throw new SpendRequestError(line.error);
      }
      if (done) break;
    }
  } catch (err) {
    if (err instanceof SpendRequestError || opts.signal?.aborted) throw err;
    throw serverProblem("The connection to the dashboard server broke off while reading.");
  } finally {
    reader.cancel().catch(() => {});
  }
  throw serverProblem("The dashboard server stopped before the read was finished.");
}
