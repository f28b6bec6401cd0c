import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// What the request logger knows about the request being handled: set by the HTTP hook
// (./http-hook.ts) before Next sees the request, so every log line of the request's work (an
// upstream call, an export) carries its id, and the guards can say who it was for.

export interface RequestContext {
  /** Also in the response's X-Request-Id header, so a person can quote it. */
  readonly id: string;
  readonly method: string;
  /** The path only: queries may hold phone numbers or searched text. */
  readonly path: string;
  readonly startedAt: number;
  userId?: string;
}

// On globalThis: instrumentation.ts and each route are separate bundles in one process and
// must share one store (the same reason as lib/export/limit.ts).
const KEY = Symbol.for("mobivate-dashboard.request-context");
type WithStore = typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };

export function requestStore(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as WithStore;
  g[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return g[KEY];
}

/** The request this code runs for, if any (none in the syncer or a script). */
export function currentRequest(): RequestContext | undefined {
  return requestStore().getStore();
}

/** Called by the guards once the session is checked: the request's log line names the user. */
export function noteRequestUser(userId: string): void {
  const ctx = currentRequest();
  if (ctx) ctx.userId = userId;
}
