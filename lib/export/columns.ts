import type { CsvColumn } from "@/lib/csv/columns";
import type { Message, OptOut } from "@/lib/mobivate/types";
import { MESSAGE_FIELDS } from "@/lib/mobivate/types";
import { createIsoCell } from "./iso-time";

// Columns of the CSV downloads. Headers are the API's own field names, so a file reads the
// same as the API documentation. Every string that comes from the API is "text" (formula-
// neutralised): bodies and sender ids are typed by strangers, and even ids and statuses are
// not ours. Timestamps are ours (ISO 8601 with the offset in the chosen zone), costs are
// exact decimals already checked by the API client, and phone numbers stay exactly as sent.

type MessageField = (typeof MESSAGE_FIELDS)[number];

export function messageCsvColumns(tz: string): CsvColumn<Message>[] {
  const iso = createIsoCell(tz);
  const byField: Record<MessageField, CsvColumn<Message>> = {
    id: { header: "id", kind: "text", get: (m) => m.id },
    created: { header: "created", kind: "raw", get: (m) => iso(m.created) },
    modified: { header: "modified", kind: "raw", get: (m) => iso(m.modified) },
    originator: { header: "originator", kind: "text", get: (m) => m.originator },
    recipient: { header: "recipient", kind: "phone", get: (m) => m.recipient },
    body: { header: "body", kind: "text", get: (m) => m.body },
    status: { header: "status", kind: "text", get: (m) => m.status },
    direction: { header: "direction", kind: "text", get: (m) => m.direction },
    inReplyTo: { header: "inReplyTo", kind: "text", get: (m) => m.inReplyTo },
    routeId: { header: "routeId", kind: "text", get: (m) => m.routeId },
    parts: { header: "parts", kind: "number", get: (m) => m.parts },
    cost: { header: "cost", kind: "number", get: (m) => m.cost },
    currency: { header: "currency", kind: "text", get: (m) => m.currency },
    senderReference: { header: "senderReference", kind: "text", get: (m) => m.senderReference },
    campaignId: { header: "campaignId", kind: "text", get: (m) => m.campaignId },
  };
  // The documented order, whatever the order of the object above.
  return MESSAGE_FIELDS.map((field) => byField[field]);
}

export function optOutCsvColumns(tz: string): CsvColumn<OptOut>[] {
  const iso = createIsoCell(tz);
  return [
    { header: "id", kind: "number", get: (o) => o.id },
    { header: "mobile", kind: "phone", get: (o) => o.mobile },
    { header: "note", kind: "text", get: (o) => o.note },
    { header: "created", kind: "raw", get: (o) => iso(o.created) },
  ];
}
