import "server-only";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { describeError, MobivateError } from "@/lib/mobivate/errors";
import { mobivateFetch, type MobivateRequest } from "@/lib/mobivate/fetch";
import { parsePayload } from "@/lib/mobivate/parse";
import { authTestSchema } from "@/lib/mobivate/schemas";
import { formatApiDate } from "@/lib/time/format";
import {
  inspectMessages,
  inspectOptOuts,
  type MessageFindings,
  type RecordsFindings,
} from "./inspect";

// `npm run check-api`: a read-only look at a real account, run once by a new user. Three GETs
// through the dashboard's own client (lib/mobivate/fetch.ts: timeout, retries, typed errors)
// — the key test, one page of messages and one of opt-outs for the last 24 hours — and what
// the dashboard would make of them. It sends nothing and changes nothing: only GET requests,
// the endpoints the dashboard reads with (lib/mobivate/auth.ts, messages.ts, optouts.ts).

export interface Timed {
  path: string;
  ms: number;
}

export interface ApiCheckReport {
  baseUrl: string;
  range: { startDate: string; endDate: string; startMs: number; endMs: number };
  pageSize: number;
  keyMessage: string;
  messages: MessageFindings;
  optOuts: RecordsFindings;
  latency: Timed[];
}

export class ApiCheckFailure extends Error {
  constructor(
    message: string,
    readonly kind: MobivateError["kind"] | "internal",
  ) {
    super(message);
    this.name = "ApiCheckFailure";
  }
}

const DAY_MS = 86_400_000;

/** A failure of a request in words for the person at the terminal (never the key). */
export function failureWords(err: unknown, baseUrl: string, what: string): ApiCheckFailure {
  if (!(err instanceof MobivateError)) {
    return new ApiCheckFailure(
      `${what} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`,
      "internal",
    );
  }
  switch (err.kind) {
    case "key-rejected":
      return new ApiCheckFailure(
        `The API at ${baseUrl} rejected the key (401 Unauthorized): it is wrong, expired or revoked. Check MOBIVATE_API_KEY.`,
        err.kind,
      );
    case "network":
    case "timeout":
      return new ApiCheckFailure(
        `Could not reach the API at ${baseUrl} (${err.kind === "timeout" ? "no answer in time" : "network error"}) during ${what}. Check MOBIVATE_API_BASE_URL and this machine's connection.`,
        err.kind,
      );
    default:
      return new ApiCheckFailure(`${what}: ${describeError(err).message}`, err.kind);
  }
}

export async function runApiCheck(
  cfg: MobivateConfig,
  opts: { now?: number; pageSize?: number } = {},
): Promise<ApiCheckReport> {
  const endMs = opts.now ?? Date.now();
  const startMs = endMs - DAY_MS;
  const pageSize = opts.pageSize ?? 100;
  const range = {
    startDate: formatApiDate(startMs, "UTC"),
    endDate: formatApiDate(endMs, "UTC"),
    startMs,
    endMs,
  };
  const latency: Timed[] = [];

  async function get(what: string, req: Omit<MobivateRequest, "method">): Promise<unknown> {
    const started = performance.now();
    try {
      return await mobivateFetch(cfg, { ...req, method: "GET" });
    } catch (err) {
      throw failureWords(err, cfg.baseUrl, what);
    } finally {
      latency.push({ path: req.path, ms: Math.round(performance.now() - started) });
    }
  }

  const auth = await get("the key test", { path: "/auth/test" });
  let keyMessage: string;
  try {
    keyMessage = parsePayload(authTestSchema, auth, "auth test").message;
  } catch (err) {
    throw failureWords(err, cfg.baseUrl, "the key test");
  }
  const query = { startDate: range.startDate, endDate: range.endDate, page: 1, pageSize };
  const messages = await get("reading messages", { path: "/message", query });
  const optOuts = await get("reading opt-outs", { path: "/addressbook/optout", query });
  return {
    baseUrl: cfg.baseUrl,
    range,
    pageSize,
    keyMessage,
    messages: inspectMessages(messages, range),
    optOuts: inspectOptOuts(optOuts, range),
    latency,
  };
}
