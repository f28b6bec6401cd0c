import { deliveryOutcome } from "@/lib/delivery/status-class";

type Tone = "ok" | "pending" | "fail";

const TONE_OF = { delivered: "ok", pending: "pending", failed: "fail" } as const;

/** The badge colour follows the same split as the delivery rate (lib/delivery/status-class). */
export function statusTone(status: string): Tone {
  return TONE_OF[deliveryOutcome(status)];
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
