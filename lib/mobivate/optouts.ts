import "server-only";
import { configFrom } from "./config";
import { mobivateFetch } from "./fetch";
import type { CallOptions, RangeQuery } from "./messages";
import { parsePayload } from "./parse";
import { rawOptOutListSchema, rawOptOutSchema } from "./schemas";
import type { OptOut } from "./types";

/** One raw page of `GET /addressbook/optout`. */
export async function fetchOptOutPage(
  q: RangeQuery & { page: number; pageSize: number },
  opts: CallOptions,
): Promise<OptOut[]> {
  const cfg = await configFrom(opts.cfg);
  const data = await mobivateFetch(cfg, {
    path: "/addressbook/optout",
    query: { startDate: q.startDate, endDate: q.endDate, page: q.page, pageSize: q.pageSize },
    signal: opts.signal,
  });
  return parsePayload(rawOptOutListSchema, data, "opt-out list");
}

export async function addOptOut(mobile: string, opts: CallOptions): Promise<OptOut> {
  const cfg = await configFrom(opts.cfg);
  const data = await mobivateFetch(cfg, {
    method: "POST",
    path: "/addressbook/optout",
    body: { mobile },
    signal: opts.signal,
  });
  return parsePayload(rawOptOutSchema, data, "opt-out");
}

export async function removeOptOut(mobile: string, opts: CallOptions): Promise<OptOut> {
  const cfg = await configFrom(opts.cfg);
  const data = await mobivateFetch(cfg, {
    method: "DELETE",
    path: "/addressbook/optout",
    body: { mobile },
    signal: opts.signal,
  });
  return parsePayload(rawOptOutSchema, data, "opt-out");
}
