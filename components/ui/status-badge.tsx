const DELIVERED = new Set(["DELIVERED"]);
const PENDING = new Set([
  "ACCEPTED",
  "INTERIM_QUEUED",
  "INTERIM_ACKNOWLEDGED",
  "RETRY",
  "SENT",
  "ENROUTE",
  "SCHEDULED",
  "CREATED",
  "UNKNOWN",
]);

type Tone = "ok" | "pending" | "fail";

export function statusTone(status: string): Tone {
  if (DELIVERED.has(status)) return "ok";
  if (PENDING.has(status)) return "pending";
  return "fail";
}

/** "FAILED_NOROUTE" → "Failed noroute"; unknown statuses are shown as they come. */
export function statusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "—";
}

// Colour pairs chosen for ≥ 4.5:1 contrast; the text label carries the meaning, colour only helps.
const TONES: Record<Tone, string> = {
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  pending: "bg-amber-50 text-amber-900 ring-amber-600/30",
  fail: "bg-red-50 text-red-800 ring-red-600/30",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      title={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[statusTone(status)]}`}
    >
      {statusLabel(status)}
    </span>
  );
}
