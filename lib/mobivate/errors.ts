import { internalError, invalidInput } from "@/lib/errors/dashboard";
import type { ApiErrorInfo, ProviderErrorKind } from "@/lib/errors/kinds";
import { TimeError } from "@/lib/time/errors";

// Typed failure of a call to the Mobivate API. `kind` is what the UI needs to pick
// words a person can act on; `status`/`apiMessage` keep the provider's own answer.
// "not-configured" is the dashboard's (no key to call with), thrown where the config resolves.
export type MobivateErrorKind = ProviderErrorKind | "not-configured";

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

export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401) return "key-rejected";
  if (status === 402) return "out-of-credit";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "unavailable";
  return "refused";
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
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
  if (!(err instanceof MobivateError)) return internalError();
  const { status } = err;
  // The provider's own words travel with its failures (for scripts and support), never the key.
  const said = err.apiMessage === undefined ? {} : { apiMessage: err.apiMessage };
  switch (err.kind) {
    case "key-rejected":
      return { kind: err.kind, status, message: rejectedKeyMessage(viewer), ...said };
    case "refused":
      return {
        kind: err.kind,
        status,
        message:
          status === 403
            ? `The Mobivate API did not allow this: ${err.apiMessage ?? "forbidden"}.`
            : `The Mobivate API refused the request: ${err.apiMessage ?? "bad request"}.`,
        ...said,
      };
    case "out-of-credit":
      return {
        kind: err.kind,
        status,
        message: "The Mobivate account is out of credit (402). Top up the account, then retry.",
        ...said,
      };
    case "not-found":
      return { kind: err.kind, status, message: err.apiMessage ?? "Not Found", ...said };
    case "rate-limited":
      return {
        kind: err.kind,
        status,
        message:
          "The Mobivate API is limiting our requests (429 Too Many Requests) and kept doing so after several retries. Wait a minute and try again.",
        ...said,
      };
    case "unavailable":
      return {
        kind: err.kind,
        status,
        message: `The Mobivate API had an internal error (${status ?? "5xx"}) and kept failing after several retries. Try again in a few minutes.`,
        ...said,
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
