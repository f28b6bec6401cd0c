import type { CsvColumn } from "@/lib/csv/columns";
import { MESSAGE_FIELDS, type Message } from "@/lib/mobivate/types";
import { formatInZone } from "@/lib/time/format";
import type { SentAfterOptOut } from "./match";

// Columns of the sent-after-opt-out CSV: the 15 message fields in the documented order
// (headers are the API's field names), then the opt-out in force. The same conventions as
// the Messages download (lib/export/columns.ts): every string from the API is "text"
// (formula-neutralised), timestamps are ours (ISO 8601 with the zone's offset), phone
// numbers stay exactly as sent when they look like phone numbers.

export const OPT_OUT_COLUMNS = ["optoutCreated", "optoutNote"] as const;
export const COMPLIANCE_CSV_HEADERS = [...MESSAGE_FIELDS, ...OPT_OUT_COLUMNS];

const iso = (ms: number | null, tz: string) => (ms === null ? null : formatInZone(ms, tz, "iso"));

type Field = (typeof MESSAGE_FIELDS)[number];

export function complianceCsvColumns(tz: string): CsvColumn<SentAfterOptOut>[] {
  const text = (get: (m: Message) => string | null) => (r: SentAfterOptOut) => get(r.message);
  const byField: Record<Field, CsvColumn<SentAfterOptOut>> = {
    id: { header: "id", kind: "text", get: text((m) => m.id) },
    created: { header: "created", kind: "raw", get: (r) => iso(r.message.created, tz) },
    modified: { header: "modified", kind: "raw", get: (r) => iso(r.message.modified, tz) },
    originator: { header: "originator", kind: "text", get: text((m) => m.originator) },
    recipient: { header: "recipient", kind: "phone", get: (r) => r.message.recipient },
    body: { header: "body", kind: "text", get: text((m) => m.body) },
    status: { header: "status", kind: "text", get: text((m) => m.status) },
    direction: { header: "direction", kind: "text", get: text((m) => m.direction) },
    inReplyTo: { header: "inReplyTo", kind: "text", get: text((m) => m.inReplyTo) },
    routeId: { header: "routeId", kind: "text", get: text((m) => m.routeId) },
    parts: { header: "parts", kind: "number", get: (r) => r.message.parts },
    cost: { header: "cost", kind: "number", get: (r) => r.message.cost },
    currency: { header: "currency", kind: "text", get: text((m) => m.currency) },
    senderReference: {
      header: "senderReference",
      kind: "text",
      get: text((m) => m.senderReference),
    },
    campaignId: { header: "campaignId", kind: "text", get: text((m) => m.campaignId) },
  };
  return [
    ...MESSAGE_FIELDS.map((f) => byField[f]),
    { header: "optoutCreated", kind: "raw", get: (r) => iso(r.optOut.created, tz) },
    { header: "optoutNote", kind: "text", get: (r) => r.optOut.note },
  ];
}

export function complianceCsvFilename(from: string, to: string): string {
  return `sent-after-optout_${from}_${to}.csv`;
}
