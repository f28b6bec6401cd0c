import type { Message } from "./types";

/** A valid outgoing message for tests; each test overrides only the fields it is about. */
export function messageFixture(over: Partial<Message> = {}): Message {
  return {
    id: "A".repeat(32),
    created: 0,
    modified: null,
    originator: "Brand",
    recipient: "447700900123",
    body: "Hello",
    status: "DELIVERED",
    direction: "MT",
    inReplyTo: null,
    routeId: "mglobal",
    parts: 1,
    cost: "0.0425",
    currency: "GBP",
    senderReference: null,
    campaignId: null,
    ...over,
  };
}
