"use client";

export default function ComplianceError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">The compliance report could not be shown.</p>
      <p className="mt-1 text-sm">This is a problem in the dashboard, not with your data.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-red-300"
      >
        Try again
      </button>
    </div>
  );
}
