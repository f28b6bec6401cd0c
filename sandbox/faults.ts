// Fault and latency injection. Two sources of faults:
// - scripted rules ("fail the next N matching requests", optionally after letting k succeed,
//   which is how a test breaks an export in the middle of a stream);
// - a random fault rate, drawn from a seeded sequence so a failing run can be replayed.
// Every API request draws the same number of random values whatever the settings, so the
// sequence only depends on faultSeed and the request order.
import { STATUS_CODES } from "node:http";
import { createRng, type Rng } from "./hash";
import { isErrorStatus, type RuntimeOptions, type ValidationResult } from "./runtime-options";

export interface FailNextRule {
  /** HTTP status to answer with (400..599). Required unless `reset`. */
  status?: number;
  /**
   * How many matching requests fail. Default 1. 0 cancels pending rules instead: those with
   * the same `path`, or every rule when no path is given.
   */
  count?: number;
  /** Exact path ("/message"), or a prefix ending in "*" ("/message*"). Absent: any API path. */
  path?: string;
  /** Only this method (e.g. "GET"). Absent: any. */
  method?: string;
  /** Let this many matching requests through before failing. Default 0. */
  afterRequests?: number;
  /** Seconds, sent as a Retry-After header. */
  retryAfter?: number;
  /** Envelope message. Default: the standard reason ("Too Many Requests"). */
  message?: string;
  /** Raw body instead of the JSON envelope (e.g. an HTML page from a proxy), with its type. */
  body?: string;
  contentType?: string;
  /** Drop the connection without any response (a network error for the client). */
  reset?: boolean;
}

export type Fault =
  | {
      kind: "status";
      status: number;
      body: string;
      contentType: string;
      headers: Record<string, string>;
    }
  | { kind: "reset" };

export interface RequestPlan {
  delayMs: number;
  fault: Fault | undefined;
}

interface PendingRule extends FailNextRule {
  count: number;
  afterRequests: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;

export function validateFailRule(input: unknown): ValidationResult<FailNextRule> {
  if (!isObject(input)) return { ok: false, message: "rule must be a JSON object" };
  const r = input as FailNextRule & Record<string, unknown>;
  if (r.reset !== undefined && typeof r.reset !== "boolean") {
    return { ok: false, message: "reset must be a boolean" };
  }
  if (r.count !== undefined && !isCount(r.count)) {
    return { ok: false, message: "count must be an integer >= 0" };
  }
  const cancels = r.count === 0;
  if (!r.reset && !cancels && !isErrorStatus(r.status)) {
    return { ok: false, message: "status must be an integer between 400 and 599" };
  }
  if (r.afterRequests !== undefined && !isCount(r.afterRequests)) {
    return { ok: false, message: "afterRequests must be an integer >= 0" };
  }
  if (r.retryAfter !== undefined && !isCount(r.retryAfter)) {
    return { ok: false, message: "retryAfter must be an integer number of seconds >= 0" };
  }
  if (r.path !== undefined && (typeof r.path !== "string" || !r.path.startsWith("/"))) {
    return { ok: false, message: "path must start with '/'" };
  }
  for (const key of ["method", "message", "body", "contentType"] as const) {
    if (r[key] !== undefined && typeof r[key] !== "string") {
      return { ok: false, message: `${key} must be a string` };
    }
  }
  return { ok: true, value: r };
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function matches(rule: PendingRule, method: string, pathname: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  if (rule.path.endsWith("*")) return pathname.startsWith(rule.path.slice(0, -1));
  return trimSlash(rule.path) === trimSlash(pathname);
}

function statusFault(
  status: number,
  message?: string,
  retryAfter?: number,
  raw?: { body: string; contentType?: string },
): Fault {
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers["Retry-After"] = String(retryAfter);
  if (raw) {
    return {
      kind: "status",
      status,
      body: raw.body,
      contentType: raw.contentType ?? "text/html",
      headers,
    };
  }
  const envelope = { code: status, message: message ?? STATUS_CODES[status] ?? "Error" };
  return {
    kind: "status",
    status,
    body: JSON.stringify(envelope),
    contentType: "application/json",
    headers,
  };
}

export class FaultInjector {
  private rules: PendingRule[] = [];
  private rng: Rng;

  constructor(private readonly options: () => RuntimeOptions) {
    this.rng = createRng(options().faultSeed);
  }

  /** Restarts the random sequence (called when faultSeed is set). */
  reseed(seed: number): void {
    this.rng = createRng(seed);
  }

  add(rule: FailNextRule): void {
    if (rule.count === 0) {
      // "Fail the next 0 requests": tests use it to cancel what an earlier rule left queued.
      const path = rule.path;
      this.rules = path === undefined ? [] : this.rules.filter((r) => r.path !== path);
      return;
    }
    this.rules.push({ ...rule, count: rule.count ?? 1, afterRequests: rule.afterRequests ?? 0 });
  }

  clear(): void {
    this.rules = [];
  }

  pending(): FailNextRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Decides the delay and the fault (if any) for one API request. */
  plan(method: string, pathname: string): RequestPlan {
    const opts = this.options();
    const [uFault, uStatus, uSlow, uJitter] = [
      this.rng.next(),
      this.rng.next(),
      this.rng.next(),
      this.rng.next(),
    ];
    const delayMs =
      opts.latencyMs + uJitter * opts.latencyJitterMs + (uSlow < opts.slowRate ? opts.slowMs : 0);

    // The first matching scripted rule decides; it may let this request through.
    const rule = this.rules.find((r) => matches(r, method, pathname));
    if (rule) {
      if (rule.afterRequests > 0) {
        rule.afterRequests--;
      } else {
        rule.count--;
        if (rule.count <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
        const raw =
          rule.body === undefined ? undefined : { body: rule.body, contentType: rule.contentType };
        const fault: Fault = rule.reset
          ? { kind: "reset" }
          : statusFault(rule.status ?? 500, rule.message, rule.retryAfter, raw);
        return { delayMs, fault };
      }
    }

    if (uFault < opts.faultRate) {
      const statuses = opts.faultStatuses;
      const status = statuses[Math.floor(uStatus * statuses.length)] ?? 500;
      return { delayMs, fault: statusFault(status) };
    }
    return { delayMs, fault: undefined };
  }
}
