// Every error kind the dashboard shows or sends, declared once. Two families, so a refusal by
// the dashboard itself never reads like a failure of the provider, and the reverse: an ended
// session is not "the API key was rejected", a role check is not "Mobivate refused".

/** The dashboard's own refusals and faults (its guards, its checks, its server). */
export const DASHBOARD_ERROR_KINDS = [
  "signed-out", // no valid session: sign in again
  "forbidden", // the role does not allow this
  "bad-request", // the request itself (filters, a form, a link) cannot be used
  "busy", // too many downloads or reads in flight: try again in a moment
  "not-configured", // no API key / a server setting is missing
  "internal", // the dashboard server failed or answered something unreadable
  "unreachable", // the browser got no answer from the dashboard server
] as const;

/** What the provider (the Mobivate API) answered, after the client's own retries. */
export const PROVIDER_ERROR_KINDS = [
  "key-rejected", // 401: the API key is wrong, expired or revoked
  "refused", // 400/403 and other 4xx: refused, in its own words
  "out-of-credit", // 402
  "not-found", // 404
  "rate-limited", // 429
  "unavailable", // 5xx
  "timeout", // no answer in time
  "network", // could not reach it
  "invalid-response", // answered something unreadable
] as const;

export const ERROR_KINDS = [...DASHBOARD_ERROR_KINDS, ...PROVIDER_ERROR_KINDS] as const;

export type DashboardErrorKind = (typeof DASHBOARD_ERROR_KINDS)[number];
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];
export type ErrorKind = (typeof ERROR_KINDS)[number];

const PROVIDER = new Set<string>(PROVIDER_ERROR_KINDS);

export function isProviderKind(kind: ErrorKind): kind is ProviderErrorKind {
  return PROVIDER.has(kind);
}

/**
 * A plain, serialisable description of an error: what server actions return, what the JSON
 * error body and a report's error line carry, what components/ui/error-panel.tsx shows.
 */
export interface ApiErrorInfo {
  kind: ErrorKind;
  /** The HTTP status: of the answer that carries it, or the provider's for its failures. */
  status?: number;
  /** A heading other than the kind's own (components/ui/error-panel.tsx), where it misleads. */
  title?: string;
  /** Words for a person: what happened and what to do. Never contains secrets. */
  message: string;
  /** The provider's own words, verbatim, when it gave some (for scripts and support). */
  apiMessage?: string;
}
