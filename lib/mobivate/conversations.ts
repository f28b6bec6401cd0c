import "server-only";
import type { CallOptions, RangeQuery } from "./messages";
import { readAllMessages } from "./read-range";
import type { Message } from "./types";

/**
 * Replies to a message within a range: the API cannot search by `inReplyTo`, so this reads
 * every incoming (MO) message of the range and keeps those that answer `id`.
 */
export async function findReplies(
  id: string,
  range: RangeQuery,
  opts: CallOptions,
): Promise<Message[]> {
  const replies: Message[] = [];
  for await (const page of readAllMessages({ ...range, direction: "MO" }, opts)) {
    for (const m of page) if (m.inReplyTo === id) replies.push(m);
  }
  return replies;
}
