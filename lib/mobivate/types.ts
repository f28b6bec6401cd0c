// App-side shapes of Mobivate records. Components only ever see these, never raw payloads.

export type Direction = "MO" | "MT";

export interface Message {
  id: string;
  /** Epoch milliseconds (the API sends `2023-07-01T01:10:34+0000`). */
  created: number;
  modified: number | null;
  originator: string;
  recipient: string;
  body: string;
  /** Open set: unknown statuses are kept as they come. */
  status: string;
  direction: Direction | string;
  inReplyTo: string | null;
  routeId: string | null;
  parts: number;
  /** Exact decimal as a string (e.g. "0.0425"), never a float. */
  cost: string | null;
  currency: string | null;
  senderReference: string | null;
  campaignId: string | null;
}

export interface OptOut {
  id: number | null;
  mobile: string;
  note: string | null;
  /** Epoch milliseconds. */
  created: number;
}

export interface MessagePage {
  rows: Message[];
  page: number;
  pageSize: number;
  /** True when the API has at least one record after this page. */
  hasNextPage: boolean;
  /** Number of matches, known when a search has read the whole range. */
  total?: number;
  /** Records read to answer a search. */
  scanned?: number;
}

/** The 15 API fields in the documented order (CSV columns, detail view). */
export const MESSAGE_FIELDS = [
  "id",
  "created",
  "modified",
  "originator",
  "recipient",
  "body",
  "status",
  "direction",
  "inReplyTo",
  "routeId",
  "parts",
  "cost",
  "currency",
  "senderReference",
  "campaignId",
] as const satisfies readonly (keyof Message)[];
