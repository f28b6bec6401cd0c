// Shared helpers for the sandbox's HTTP tests (not a test file itself).
import { ALL_STATUSES, MESSAGE_FIELDS, OPTOUT_NOTES } from "./catalog";
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type SandboxHandle } from "./server";

/** The dataset the conformance tests use: its span covers 2023-01-01..2023-01-03. */
export const CONFORMANCE_DATASET = {
  seed: 7,
  messages: 20_000,
  spanDays: 10,
  end: new Date("2023-01-05T00:00:00Z"),
};

export function startTestSandbox(extra: Parameters<typeof startSandbox>[0] = {}) {
  return startSandbox({ port: 0, ...CONFORMANCE_DATASET, ...extra });
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  method?: string;
  /** API key for the Bearer header; null sends no Authorization header. */
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  signal?: AbortSignal;
}

export async function call(
  sb: SandboxHandle,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const key = opts.key === undefined ? DEFAULT_SANDBOX_API_KEY : opts.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const res = await fetch(`${sb.url}${path}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    signal: opts.signal,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const HEX32 = /^[0-9A-F]{32}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;

export const timestampMs = (ts: string): number => Date.parse(ts.replace("+0000", "Z"));

/** Problems with one message object against the documented shape ([] when conforming). */
export function messageProblems(m: unknown): string[] {
  if (typeof m !== "object" || m === null) return ["not an object"];
  const r = m as Record<string, unknown>;
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(`${what}: ${JSON.stringify(r[what.split(" ")[0] ?? ""])}`);
  };
  check(Object.keys(r).sort().join() === [...MESSAGE_FIELDS].sort().join(), "fields");
  check(typeof r.id === "string" && HEX32.test(r.id), "id");
  check(typeof r.created === "string" && TIMESTAMP.test(r.created), "created");
  check(typeof r.modified === "string" && TIMESTAMP.test(r.modified), "modified");
  check(typeof r.originator === "string" && r.originator.length > 0, "originator");
  check(typeof r.recipient === "string" && /^\d+$/.test(r.recipient), "recipient");
  check(typeof r.body === "string", "body");
  check(typeof r.status === "string" && ALL_STATUSES.includes(r.status), "status");
  check(r.direction === "MO" || r.direction === "MT", "direction");
  check(
    r.inReplyTo === null || (typeof r.inReplyTo === "string" && HEX32.test(r.inReplyTo)),
    "inReplyTo",
  );
  check(
    r.routeId === "mglobal" || (typeof r.routeId === "string" && HEX32.test(r.routeId)),
    "routeId",
  );
  check(Number.isInteger(r.parts) && (r.parts as number) >= 1, "parts");
  check(
    r.cost === null ||
      (typeof r.cost === "number" && r.cost >= 0 && /^\d+(?:\.\d{1,4})?$/.test(String(r.cost))),
    "cost",
  );
  check(
    r.currency === null || (typeof r.currency === "string" && /^[A-Z]{3}$/.test(r.currency)),
    "currency",
  );
  check(r.senderReference === null || typeof r.senderReference === "string", "senderReference");
  check(
    r.campaignId === null || (typeof r.campaignId === "string" && HEX32.test(r.campaignId)),
    "campaignId",
  );
  return problems;
}

/** Problems with one opt-out object against the documented shape. */
export function optoutProblems(o: unknown): string[] {
  if (typeof o !== "object" || o === null) return ["not an object"];
  const r = o as Record<string, unknown>;
  const problems: string[] = [];
  if (Object.keys(r).sort().join() !== "created,id,mobile,note") problems.push("fields");
  if (!Number.isInteger(r.id) || (r.id as number) <= 0) problems.push("id");
  if (typeof r.mobile !== "string" || !/^\d{8,15}$/.test(r.mobile)) problems.push("mobile");
  if (!(OPTOUT_NOTES as readonly unknown[]).includes(r.note)) problems.push("note");
  if (!Number.isInteger(r.created)) problems.push("created");
  return problems;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
