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
  /** Words for a person: what happened and what to do. Never contains secrets. */
  message: string;
}

export function describeError(err: unknown): ApiErrorInfo {
  if (err instanceof MobivateError) {
    const status = err.status;
    switch (err.kind) {
      case "unauthorized":
        return {
          kind: err.kind,
          status,
          message:
            "The Mobivate API rejected the API key (401 Unauthorized). Check that the key is correct and has not been revoked, then try again.",
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
