import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Message } from "@/lib/mobivate/types";
import { isNoCharge } from "@/lib/spend/format";
import { formatInZone } from "@/lib/time/format";

function Instant({ ms, tz }: { ms: number | null; tz: string }) {
  if (ms === null) return <>—</>;
  return (
    <time dateTime={new Date(ms).toISOString()} className="tabular-nums">
      {formatInZone(ms, tz, "display")} <span className="text-slate-600">({tz})</span>
      <br />
      {formatInZone(ms, "UTC", "display")} <span className="text-slate-600">(UTC)</span>
    </time>
  );
}

const mono = (v: string | null) =>
  v ? (
    <span className="break-all font-mono text-xs">{v}</span>
  ) : (
    <span className="text-slate-500">—</span>
  );

/** Every field of a message, labelled, times in the chosen zone and in UTC. */
export function FieldList({
  message: m,
  tz,
  messageHref,
}: {
  message: Message;
  tz: string;
  messageHref: (id: string) => string;
}) {
  const rows: [string, ReactNode][] = [
    ["Created", <Instant key="c" ms={m.created} tz={tz} />],
    ["Modified", <Instant key="m" ms={m.modified} tz={tz} />],
    [
      "Direction",
      m.direction === "MO" ? "Incoming (MO)" : m.direction === "MT" ? "Outgoing (MT)" : m.direction,
    ],
    ["From (originator)", m.originator || "—"],
    ["To (recipient)", m.recipient || "—"],
    ["Status", <StatusBadge key="s" status={m.status} />],
    ["Parts", m.parts],
    [
      "Cost",
      m.cost === null
        ? "—"
        : isNoCharge(m.cost, m.currency)
          ? "No charge"
          : `${m.cost} ${m.currency ?? ""}`.trim(),
    ],
    [
      "In reply to",
      m.inReplyTo ? (
        <Link
          key="r"
          href={messageHref(m.inReplyTo)}
          className="font-mono text-xs text-brand-700 underline"
        >
          {m.inReplyTo}
        </Link>
      ) : (
        "—"
      ),
    ],
    ["Route", mono(m.routeId)],
    ["Campaign", mono(m.campaignId)],
    ["Sender reference", mono(m.senderReference)],
    ["Message ID", mono(m.id)],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-sm font-medium text-slate-600">{label}</dt>
          <dd className="text-sm">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
