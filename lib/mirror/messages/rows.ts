import "server-only";
import { sql } from "drizzle-orm";
import type { Message } from "@/lib/mobivate/types";

// The columns of a message as read back from mirror_messages, the same on either driver:
// times as epoch ms, the cost as its exact decimal text.

export const MESSAGE_COLUMNS = sql.raw(`id,
  (extract(epoch from created) * 1000)::float8 as created,
  (extract(epoch from modified) * 1000)::float8 as modified,
  originator, recipient, body, status, direction, in_reply_to, route_id, parts,
  cost::text as cost, currency, sender_reference, campaign_id`);

export type MessageRow = Record<string, unknown>;

/** A row as the app's Message. A body not kept (DASHBOARD_SYNC_BODIES=0) reads as "". */
export function toMessage(r: MessageRow): Message {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    created: Number(r.created),
    modified: r.modified === null || r.modified === undefined ? null : Number(r.modified),
    originator: String(r.originator),
    recipient: String(r.recipient),
    body: text(r.body) ?? "",
    status: String(r.status),
    direction: String(r.direction),
    inReplyTo: text(r.in_reply_to),
    routeId: text(r.route_id),
    parts: Number(r.parts),
    cost: text(r.cost),
    currency: text(r.currency),
    senderReference: text(r.sender_reference),
    campaignId: text(r.campaign_id),
  };
}
