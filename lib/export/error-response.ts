import "server-only";
import { EnvError } from "@/lib/env";
import { describeError, MobivateError, type MobivateErrorKind } from "@/lib/mobivate/errors";
import { TimeError } from "@/lib/time/errors";

// JSON error answers of the download routes, sent before any CSV byte. The words come from
// describeError (the same as the pages show); a stack trace or the API key never leaves.

const NO_STORE = { "Cache-Control": "no-store" };

/** What the person's browser gets when the dashboard could not get the data upstream. */
const STATUS_BY_KIND: Record<MobivateErrorKind, number> = {
  unauthorized: 401,
  "bad-request": 400,
  "payment-required": 402,
  forbidden: 403,
  "not-found": 502, // the range endpoints have no 404; one means a wrong base URL
  "rate-limited": 503,
  server: 502,
  timeout: 504,
  network: 502,
  "invalid-response": 502,
  "not-configured": 503,
};

export function jsonError(status: number, body: Record<string, string>, headers = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function badRequest(reason: string): Response {
  return jsonError(400, { error: reason, kind: "bad-request" });
}

export function exportErrorResponse(err: unknown): Response {
  if (err instanceof MobivateError) {
    const info = describeError(err);
    const body: Record<string, string> = { error: info.message, kind: info.kind };
    if (err.apiMessage) body.apiMessage = err.apiMessage;
    const retry = err.kind === "rate-limited" ? { "Retry-After": "60" } : {};
    return jsonError(STATUS_BY_KIND[err.kind], body, retry);
  }
  if (err instanceof EnvError) {
    // Names the variables and the rule broken, never their values.
    return jsonError(503, {
      error: `The dashboard server is not configured correctly: ${err.issues.join("; ")}`,
      kind: "not-configured",
    });
  }
  if (err instanceof TimeError) return badRequest(err.message);
  console.error("CSV export failed before the first byte", err);
  return jsonError(500, {
    error: "Something went wrong on the dashboard server. Try again.",
    kind: "server",
  });
}
