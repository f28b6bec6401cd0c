import { fetchReport } from "@/lib/report/fetch-report";
import type { ProgressLine } from "@/lib/report/protocol";
import { spendLineSchema } from "./protocol";
import { spendSearchParams } from "./query";
import type { SpendQuery, SpendResult } from "./types";

// Browser side of `GET /api/spend`: the shared NDJSON report reader (progress lines, then the
// summary or an error a person can act on). Aborting `signal` stops the server's read too.

export interface FetchSpendOptions {
  signal?: AbortSignal;
  /** Skip the server's cache and read the API again. */
  refresh?: boolean;
  onProgress?: (p: ProgressLine) => void;
}

export function fetchSpend(query: SpendQuery, opts: FetchSpendOptions = {}): Promise<SpendResult> {
  return fetchReport<SpendResult, ProgressLine>(
    `/api/spend?${spendSearchParams(query, opts.refresh)}`,
    spendLineSchema,
    { signal: opts.signal, onProgress: opts.onProgress },
  );
}
