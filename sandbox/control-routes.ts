// Test-only control endpoints under /__sandbox/ (no auth, no latency, no faults). They
// mirror methods of the in-process handle, for tests and scripts that run the sandbox in
// another process.
import type { FailNextRule } from "./faults";
import { validateFailRule } from "./faults";
import { errorResponse, parseJsonBody, type ApiResponse } from "./http-util";
import { validateRuntimeOptions, type RuntimeOptions } from "./runtime-options";
import type { RequestFilter, RequestLogEntry, SandboxStats } from "./stats";
import type { ClockState } from "./clock";
import type { TimeControl } from "./time-handle";
import {
  applyClockBody,
  clockBodySchema,
  optoutAddSchema,
  optoutRemoveSchema,
  parseControlBody,
} from "./time-control";

export const CONTROL_PREFIX = "/__sandbox/";

export interface SandboxInfo {
  seed: number;
  messages: number;
  moCount: number;
  mtCount: number;
  optouts: number;
  /** Span of the history: [startMs, endMs); endMs is the start-up now. */
  startMs: number;
  endMs: number;
  startDate: string;
  endDate: string;
  /** End of the future data (= endMs without futureDays). */
  futureEndMs: number;
  /** Messages and opt-outs visible at the clock's now (all of them when fixed). */
  visibleMessages: number;
  visibleOptouts: number;
  clock: ClockState;
}

export interface SandboxControl extends TimeControl {
  stats(): SandboxStats;
  resetStats(): void;
  /** Recent API requests (at most 10,000), oldest first, optionally only some. */
  requests(filter?: RequestFilter): RequestLogEntry[];
  options(): RuntimeOptions;
  /** Changes runtime options; throws RangeError on an invalid value. */
  setOptions(partial: Partial<RuntimeOptions>): RuntimeOptions;
  /** Queues a scripted failure (see FailNextRule); throws RangeError on an invalid rule. */
  failNext(rule: FailNextRule): void;
  pendingFaults(): FailNextRule[];
  clearFaults(): void;
  /** Back to the start state: stats, scripted faults, runtime options, opt-outs, clock. */
  reset(): void;
  info(): SandboxInfo;
}

type ControlHandler = (
  control: SandboxControl,
  body: unknown,
  query: URLSearchParams,
) => ApiResponse;

const ok = (body: unknown): ApiResponse => ({ status: 200, body });

const HANDLERS: Record<string, ControlHandler> = {
  "GET stats": (c) => ok(c.stats()),
  "POST reset-stats": (c) => {
    c.resetStats();
    return ok(c.stats());
  },
  "GET requests": (c, _body, query) =>
    ok(
      c.requests({
        path: query.get("path") ?? undefined,
        method: query.get("method") ?? undefined,
      }),
    ),
  "GET info": (c) => ok(c.info()),
  "GET options": (c) => ok(c.options()),
  "POST options": (c, body) => {
    const parsed = validateRuntimeOptions(body ?? {});
    if (!parsed.ok) return errorResponse(400, parsed.message);
    return ok(c.setOptions(parsed.value));
  },
  "GET fail-next": (c) => ok(c.pendingFaults()),
  "POST fail-next": (c, body) => {
    // One rule or a list of rules; all are validated before any is queued.
    const rules = Array.isArray(body) ? (body as unknown[]) : [body];
    const valid: FailNextRule[] = [];
    for (const rule of rules) {
      const parsed = validateFailRule(rule);
      if (!parsed.ok) return errorResponse(400, parsed.message);
      valid.push(parsed.value);
    }
    valid.forEach((rule) => c.failNext(rule));
    return ok({ pending: c.pendingFaults() });
  },
  "DELETE fail-next": (c) => {
    c.clearFaults();
    return ok({ pending: [] });
  },
  "POST reset": (c) => {
    c.reset();
    return ok(c.info());
  },
  "GET clock": (c) => ok(c.clock.state()),
  "POST clock": (c, body) => {
    const parsed = parseControlBody(clockBodySchema, body);
    if (!parsed.ok) return errorResponse(400, parsed.message);
    try {
      return ok(applyClockBody(c.clock, parsed.value));
    } catch (error) {
      if (error instanceof RangeError) return errorResponse(400, error.message);
      throw error;
    }
  },
  "GET optouts": (c) => ok({ visible: c.info().visibleOptouts, pending: c.pendingOptouts() }),
  "POST optouts/remove": (c, body) => {
    const parsed = parseControlBody(optoutRemoveSchema, body);
    if (!parsed.ok) return errorResponse(400, parsed.message);
    const removed = c.removeOptout(parsed.value.mobile, parsed.value.at);
    return removed ? ok(removed) : errorResponse(404, "Mobile number is not opted out");
  },
  "POST optouts/add": (c, body) => {
    const parsed = parseControlBody(optoutAddSchema, body);
    if (!parsed.ok) return errorResponse(400, parsed.message);
    const { mobile, note, at } = parsed.value;
    const added = c.addOptout(mobile, { note, at });
    return added ? ok(added) : errorResponse(400, "Mobile number is already opted out then");
  },
};

export function handleControl(
  control: SandboxControl,
  method: string,
  pathname: string,
  rawBody: string,
  query: URLSearchParams = new URLSearchParams(),
): ApiResponse {
  const name = pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, "");
  const handler = HANDLERS[`${method} ${name}`];
  if (!handler) {
    const known = Object.keys(HANDLERS).some((key) => key.endsWith(` ${name}`));
    return known ? errorResponse(405, "Method Not Allowed") : errorResponse(404, "Not Found");
  }
  const body = parseJsonBody(rawBody);
  if (!body.ok) return errorResponse(400, "Malformed JSON body");
  return handler(control, body.value, query);
}
