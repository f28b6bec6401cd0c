import type { ApiErrorInfo, ErrorKind } from "@/lib/errors/kinds";
import { SignInAgainLink } from "./sign-in-again-link";

// A heading per kind, for the person who sees it; the words under it come with the error
// (lib/errors/dashboard.ts for the dashboard's own, describeError in lib/mobivate/errors.ts
// for the provider's, worded per role where only an admin can fix it). A heading names who
// refused or failed: the dashboard (its sign-in, roles, checks, server) or Mobivate, so a
// refusal by one never reads like a failure of the other. An error may bring its own `title`.
export const ERROR_TITLES: Record<ErrorKind, string> = {
  "signed-out": "Your session has ended",
  forbidden: "Your role does not allow this",
  "bad-request": "This request cannot be used",
  busy: "The dashboard is busy",
  "not-configured": "The dashboard is not set up yet",
  internal: "The dashboard server had a problem",
  unreachable: "The dashboard server did not answer",
  "key-rejected": "Mobivate rejected the API key",
  refused: "Mobivate refused the request",
  "out-of-credit": "The Mobivate account is out of credit",
  "not-found": "Not found",
  "rate-limited": "Mobivate is limiting requests",
  unavailable: "Mobivate had a problem",
  timeout: "Mobivate did not answer in time",
  network: "Could not reach Mobivate",
  "invalid-response": "Mobivate's answer could not be read",
};

export function ErrorPanel({ error, onRetry }: { error: ApiErrorInfo; onRetry?: () => void }) {
  // Signed out, "Try again" would only be refused again: the way on is to sign in.
  const signedOut = error.kind === "signed-out";
  return (
    <div
      role="alert"
      data-testid="error-panel"
      data-kind={error.kind}
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900"
    >
      <p className="font-semibold">{error.title ?? ERROR_TITLES[error.kind]}</p>
      <p className="mt-1 text-sm">{error.message}</p>
      {signedOut && <SignInAgainLink />}
      {onRetry && !signedOut && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-3 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-900 ring-1 ring-red-300 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-700"
        >
          Try again
        </button>
      )}
    </div>
  );
}
