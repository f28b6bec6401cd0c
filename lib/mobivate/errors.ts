import { TimeError } from "@/lib/time/errors";

// Typed failure of a call to the Mobivate API. `kind` is what the UI needs to pick
// words a person can act on; `status`/`apiMessage` keep the provider's own answer.
export type MobivateErrorKind =
  | "unauthorized" // 401: key invalid or expired
  | "bad-request" // 400: the API's message says what was wrong
  | "payment-required" // 402: out of credit
  | "forbidden" // 403: e.g. recipient opted out
  | "not-found" // 404
  | "rate-limited" // 429 after all retries
  | "server" // 5xx after all retries
  | "timeout" // no answer within the timeout, after all retries
  | "network" // connection refused / reset / DNS, after all retries
  | "invalid-response" // the API answered something we cannot read
  | "not-configured"; // no API key configured

export class MobivateError extends Error {
  readonly kind: MobivateErrorKind;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;

  constructor(
    kind: MobivateErrorKind,
    message: string,
    opts: { status?: number; apiMessage?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "MobivateError";
    this.kind = kind;
    this.status = opts.status;
    this.apiMessage = opts.apiMessage;
  }
}

export function kindForStatus(status: number): MobivateErrorKind {
  if (status === 400) return "bad-request";
  if (status === 401) return "unauthorized";
  if (status === 402) return "payment-required";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server";
  return "bad-request";
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A plain, serialisable description of an error for server actions and route handlers. */
export interface ApiErrorInfo {
  kind: MobivateErrorKind;
  status?: number;
  /** A heading other than the kind's own (components/ui/error-panel.tsx), where it misleads. */
  title?: string;
  /** Words for a person: what happened and what to do. Never contains secrets. */
  message: string;
}

/** Filters the dashboard itself refused (not Mobivate): a 400 worded as such. */
export function invalidInput(message: string): ApiErrorInfo {
  return { kind: "bad-request", status: 400, title: "These filters cannot be used", message };
}

/**
 * A read that threw in the browser: no answer came from the dashboard server at all (the
 * connection dropped, the server restarted, or the session ended and the answer was a
 * redirect to the sign-in page).
 */
export function describeFailedRead(): ApiErrorInfo {
  return {
    kind: "network",
    title: "The dashboard server did not answer",
    message:
      "The connection dropped or your session ended before the data arrived. Check your connection and try again; if it keeps failing, reload the page (you may need to sign in again).",
  };
}

/**
 * Who is reading the message, where it matters: only an admin can change the API key, so a
 * rejected key is worded differently for them. Unknown (undefined) gets words for both.
 */
export interface ErrorViewer {
  canManageSettings: boolean;
}

function rejectedKeyMessage(viewer: ErrorViewer | undefined): string {
  const what =
    "The Mobivate API rejected the API key (401 Unauthorized): it is wrong, expired or revoked.";
  if (viewer?.canManageSettings) {
    return `${what} Enter a valid key in Settings (API key) and use "Test key", then try again.`;
  }
  if (viewer) {
    return `${what} Only an admin can change the key: ask an admin to check it in Settings, then try again.`;
  }
  return `${what} An admin can enter a valid key in Settings (API key); if you are not an admin, ask one to check it.`;
}

export function describeError(err: unknown, viewer?: ErrorViewer): ApiErrorInfo {
  // A day or zone the time library could not use is the request's fault, not the server's.
  if (err instanceof TimeError) return invalidInput(err.message);
  if (err instanceof MobivateError) {
    const status = err.status;
    switch (err.kind) {
      case "unauthorized":
        return {
          kind: err.kind,
          status,
          message: rejectedKeyMessage(viewer),
        };
      case "bad-request":
        return {
          kind: err.kind,
          status,
          message: `The Mobivate API refused the request: ${err.apiMessage ?? "bad request"}.`,
        };
      case "payment-required":
        return {
          kind: err.kind,
          status,
          message: "The Mobivate account is out of credit (402). Top up the account, then retry.",
        };
      case "forbidden":
        return {
          kind: err.kind,
          status,
          message: `The Mobivate API did not allow this: ${err.apiMessage ?? "forbidden"}.`,
        };
      case "not-found":
        return { kind: err.kind, status, message: err.apiMessage ?? "Not Found" };
      case "rate-limited":
        return {
          kind: err.kind,
          status,
          message:
            "The Mobivate API is limiting our requests (429 Too Many Requests) and kept doing so after several retries. Wait a minute and try again.",
        };
      case "server":
        return {
          kind: err.kind,
          status,
          message: `The Mobivate API had an internal error (${status ?? "5xx"}) and kept failing after several retries. Try again in a few minutes.`,
        };
      case "timeout":
        return {
          kind: err.kind,
          message:
            "The Mobivate API did not answer in time, even after retrying. Try again, or pick a shorter range.",
        };
      case "network":
        return {
          kind: err.kind,
          message:
            "Could not reach the Mobivate API (network error). Check the API base URL and the server's connection, then try again.",
        };
      case "invalid-response":
        return {
          kind: err.kind,
          status,
          message:
            "The Mobivate API answered with data the dashboard could not read. Check that the API base URL points at the Mobivate API.",
        };
      case "not-configured":
        return {
          kind: err.kind,
          message:
            "No Mobivate API key is configured. An admin can enter one in Settings (or set MOBIVATE_API_KEY in the server's environment).",
        };
    }
  }
  return { kind: "server", message: "Something went wrong on the dashboard server. Try again." };
}
