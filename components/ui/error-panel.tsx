import type { ApiErrorInfo } from "@/lib/mobivate/errors";

// Headings per kind; the words under them come from lib/mobivate/errors.ts (describeError).
// A heading names who refused or failed, so a refusal by Mobivate never reads like a mistake
// in the link, and the reverse (those carry their own `title`).
const TITLES: Partial<Record<ApiErrorInfo["kind"], string>> = {
  unauthorized: "The API key was rejected",
  "bad-request": "Mobivate refused the request",
  "payment-required": "The Mobivate account is out of credit",
  forbidden: "Not allowed",
  "rate-limited": "Mobivate is busy",
  server: "Mobivate had a problem",
  timeout: "Mobivate did not answer in time",
  network: "Could not reach Mobivate",
  "invalid-response": "Mobivate's answer could not be read",
  "not-configured": "No API key configured",
  "not-found": "Not found",
};

export function ErrorPanel({ error, onRetry }: { error: ApiErrorInfo; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      data-testid="error-panel"
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900"
    >
      <p className="font-semibold">{error.title ?? TITLES[error.kind] ?? "Something went wrong"}</p>
      <p className="mt-1 text-sm">{error.message}</p>
      {onRetry && (
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
