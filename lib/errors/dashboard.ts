import type { ApiErrorInfo } from "./kinds";

// The dashboard's own errors, each worded once: the guards, proxy.ts, the routes' checks and
// the browser's reads build them here, so the same situation reads the same everywhere.

export const SIGNED_OUT_MESSAGE =
  "You are not signed in, or your session has ended. Sign in again, then retry.";

/** No valid session (the guard, proxy.ts, a read whose session ended). */
export function signedOut(): ApiErrorInfo {
  return { kind: "signed-out", status: 401, message: SIGNED_OUT_MESSAGE };
}

/** The role does not allow it; `message` names the role and what it lacks. */
export function forbiddenByRole(message: string): ApiErrorInfo {
  return { kind: "forbidden", status: 403, message };
}

/** Filters the dashboard itself refused (not Mobivate): a 400 worded as such. */
export function invalidInput(message: string): ApiErrorInfo {
  return { kind: "bad-request", status: 400, title: "These filters cannot be used", message };
}

/** Too much in flight at once (downloads, reads): a 429 that says to wait, not to fix anything. */
export function busy(message: string): ApiErrorInfo {
  return { kind: "busy", status: 429, message };
}

export const INTERNAL_MESSAGE = "Something went wrong on the dashboard server. Try again.";

/** A fault of the dashboard server itself (logged there; the person can only retry). */
export function internalError(message = INTERNAL_MESSAGE): ApiErrorInfo {
  return { kind: "internal", message };
}

/**
 * A read that threw in the browser: no answer came from the dashboard server at all (the
 * connection dropped, the server restarted, or the session ended and the answer was a
 * redirect to the sign-in page).
 */
export function describeFailedRead(): ApiErrorInfo {
  return {
    kind: "unreachable",
    message:
      "The connection dropped or your session ended before the data arrived. Check your connection and try again; if it keeps failing, reload the page (you may need to sign in again).",
  };
}
