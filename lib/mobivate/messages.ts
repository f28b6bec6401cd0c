import "server-only";
import { configFrom, type MobivateConfigSource } from "./config";
import { MobivateError } from "./errors";
import { mobivateFetch } from "./fetch";
import { parsePayload } from "./parse";
import { rawMessageListSchema, rawMessageSchema } from "./schemas";
import type { Direction, Message, MessagePage } from "./types";

export const MAX_PAGE_SIZE = 1000;

export interface RangeQuery {
  /** API date strings, `YYYY-MM-DDTHH:MM:SS±HHMM`. */
  startDate: string;
  endDate: string;
}

export interface MessageQuery extends RangeQuery {
  direction?: Direction;
}

export interface CallOptions {
  /** The caller's configuration (lib/settings resolves it: `resolveMobivateConfig`). */
  cfg: MobivateConfigSource;
  signal?: AbortSignal;
}

/** One raw page of `GET /message`. */
export async function fetchMessagePage(
  q: MessageQuery & { page: number; pageSize: number },
  opts: CallOptions,
): Promise<Message[]> {
  const cfg = await configFrom(opts.cfg);
  const data = await mobivateFetch(cfg, {
    path: "/message",
    query: {
      startDate: q.startDate,
      endDate: q.endDate,
      page: q.page,
      pageSize: q.pageSize,
      direction: q.direction,
    },
    signal: opts.signal,
  });
  return parsePayload(rawMessageListSchema, data, "message list");
}

/**
 * A page for browsing. The API gives no total, so whether a next page exists is asked
 * directly: with pageSize 1, page (N·size + 1) is the first record after page N. That
 * probe runs in parallel with the page itself and costs one tiny request, so the UI never
 * offers an empty next page.
 */
export async function listMessages(
  q: MessageQuery & { page: number; pageSize: number },
  opts: CallOptions,
): Promise<MessagePage> {
  const cfg = await configFrom(opts.cfg);
  const probe = { ...q, page: q.page * q.pageSize + 1, pageSize: 1 };
  const [rows, next] = await Promise.all([
    fetchMessagePage(q, { ...opts, cfg }),
    fetchMessagePage(probe, { ...opts, cfg }),
  ]);
  const hasNextPage = rows.length === q.pageSize && next.length > 0;
  return { rows, page: q.page, pageSize: q.pageSize, hasNextPage };
}

/** `GET /message/{id}`; a 404 comes back as a `not-found` MobivateError. */
export async function getMessage(id: string, opts: CallOptions): Promise<Message> {
  return (await getMessageWithRaw(id, opts)).message;
}

/** One message plus the API's payload exactly as received (for the detail page's raw view). */
export async function getMessageWithRaw(
  id: string,
  opts: CallOptions,
): Promise<{ message: Message; raw: unknown }> {
  const cfg = await configFrom(opts.cfg);
  if (!/^[\da-z-]{1,64}$/i.test(id)) {
    throw new MobivateError("not-found", "Invalid id", { status: 404, apiMessage: "Not Found" });
  }
  const data = await mobivateFetch(cfg, {
    path: `/message/${encodeURIComponent(id)}`,
    signal: opts.signal,
  });
  return { message: parsePayload(rawMessageSchema, data, "message"), raw: data };
}
