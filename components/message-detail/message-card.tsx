import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Message } from "@/lib/mobivate/types";
import { formatInZone } from "@/lib/time/format";

/** A compact message in a conversation thread. */
export function MessageCard({
  message: m,
  tz,
  href,
}: {
  message: Message;
  tz: string;
  href: string;
}) {
  const incoming = m.direction === "MO";
  return (
    <article
      className={`rounded-lg border p-3 text-sm ${incoming ? "border-emerald-200 bg-emerald-50/50" : "border-slate-200 bg-white"}`}
    >
      <header className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
        <span className="font-medium">{incoming ? "Incoming" : "Outgoing"}</span>
        <span>
          {m.originator} → {m.recipient}
        </span>
        <time dateTime={new Date(m.created).toISOString()}>
          {formatInZone(m.created, tz, "display")}
        </time>
        <StatusBadge status={m.status} />
        <Link href={href} className="ml-auto font-medium text-brand-700 underline">
          Open<span className="sr-only"> message {m.id}</span>
        </Link>
      </header>
      <p className="whitespace-pre-wrap break-words">{m.body}</p>
    </article>
  );
}
