import type { SandboxHandle } from "@/sandbox/server";
import { DEFAULT_CONCURRENCY } from "@/lib/mobivate/read-range";

// The ground truth of the route tests: every record of a range, read page by page straight
// from the sandbox with the platform's fetch, not the dashboard's client (the thing tested).
// Captured at import, before a test spies on globalThis.fetch.
const realFetch = globalThis.fetch;

/**
 * One GET, tried again on a network failure: a keep-alive socket the sandbox closes as the
 * request reuses it fails with ECONNRESET, which says nothing about the code under test.
 */
async function getJson(url: string, apiKey: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await realFetch(url, { headers: { Authorization: `Bearer ${apiKey}` } });
      return await res.json();
    } catch (err) {
      if (!(err instanceof TypeError) || attempt >= 3) throw err;
    }
  }
}

/** Every record of `path` (a list endpoint) for `query`, in pages of 1000. */
export async function sandboxAll<T>(
  sb: Pick<SandboxHandle, "url" | "apiKey">,
  path: string,
  query: Record<string, string>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const qs = new URLSearchParams({ ...query, page: String(page), pageSize: "1000" });
    const rows = (await getJson(`${sb.url}${path}?${qs}`, sb.apiKey)) as T[];
    out.push(...rows);
    if (rows.length < 1000) return out;
  }
}

/**
 * Every message-list request after a reader's first wave fails for good (503, Retry-After 0
 * keeps the retries quick). The whole first wave (DEFAULT_CONCURRENCY pages at once) succeeds
 * whatever order its requests arrive in, so a route's first byte is out before the failure.
 */
export function failMessagesAfterFirstWave(sb: Pick<SandboxHandle, "failNext">): void {
  sb.failNext({
    status: 503,
    count: 10_000,
    path: "/message",
    afterRequests: DEFAULT_CONCURRENCY,
    retryAfter: 0,
  });
}
