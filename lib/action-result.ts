import type { ApiErrorInfo } from "@/lib/errors/kinds";

/** What every server action returns: data, or an error a person can act on. Never throws. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorInfo };
