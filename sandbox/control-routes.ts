// Test-only control endpoints under /__sandbox/ (no auth, no latency, no faults). They
// mirror methods of the in-process handle, for tests and scripts that run the sandbox in
// another process.
import type { FailNextRule } from "./faults";
import { validateFailRule } from "./faults";
import { errorResponse, parseJsonBody, type ApiResponse } from "./http-util";
import { validateRuntimeOptions, type RuntimeOptions } from "./runtime-options";
import type { RequestLogEntry, SandboxStats } from "./stats";

export const CONTROL_PREFIX = "/__sandbox/";

export interface SandboxInfo {
  seed: number;
  messages: number;
  moCount: number;
  mtCount: number;
  optouts: number;
  /** Span of the data: [startMs, endMs). */
  startMs: number;
  endMs: number;
  startDate: string;
  endDate: string;
}

export interface SandboxControl {
  stats(): SandboxStats;
  resetStats(): void;
  /** Recent API requests (at most 1000), oldest first. */
  requests(): RequestLogEntry[];
  options(): RuntimeOptions;
  /** Changes runtime options; throws RangeError on an invalid value. */
  setOptions(partial: Partial<RuntimeOptions>): RuntimeOptions;
  /** Queues a scripted failure (see FailNextRule); throws RangeError on an invalid rule. */
  failNext(rule: FailNextRule): void;
  pendingFaults(): FailNextRule[];
  clearFaults(): void;
  /** Back to the start state: stats, scripted faults, runtime options and opt-outs. */
  reset(): void;
  info(): SandboxInfo;
}

type ControlHandler = (control: SandboxControl, body: unknown) => ApiResponse;

const ok = (body: unknown): ApiResponse => ({ status: 200, body });

const HANDLERS: Record<string, ControlHandler> = {
  "GET stats": (c) => ok(c.stats()),
  "POST reset-stats": (c) => {
    c.resetStats();
    return ok(c.stats());
  },
  "GET requests": (c) => ok(c.requests()),
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
};

export function handleControl(
  control: SandboxControl,
  method: string,
  pathname: string,
  rawBody: string,
): ApiResponse {
  const name = pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, "");
  const handler = HANDLERS[`${method} ${name}`];
  if (!handler) {
    const known = Object.keys(HANDLERS).some((key) => key.endsWith(` ${name}`));
    return known ? errorResponse(405, "Method Not Allowed") : errorResponse(404, "Not Found");
  }
  const body = parseJsonBody(rawBody);
  if (!body.ok) return errorResponse(400, "Malformed JSON body");
  return handler(control, body.value);
}
