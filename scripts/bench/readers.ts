// The two ways of reading a whole range that the benchmark compares.
import type { MobivateConfig } from "../../lib/mobivate/config";
import { fetchMessagePage, MAX_PAGE_SIZE, type MessageQuery } from "../../lib/mobivate/messages";
import { readAllMessages, readPages } from "../../lib/mobivate/read-range";

export interface ReadResult {
  records: number;
  pages: number;
  wallMs: number;
}

/** One page at a time until the first short page: what a simple client does. */
export async function naiveRead(q: MessageQuery, cfg: MobivateConfig): Promise<ReadResult> {
  const started = performance.now();
  let records = 0;
  for (let page = 1; ; page++) {
    const rows = await fetchMessagePage({ ...q, page, pageSize: MAX_PAGE_SIZE }, { cfg });
    records += rows.length;
    if (rows.length < MAX_PAGE_SIZE) {
      return { records, pages: page, wallMs: performance.now() - started };
    }
  }
}

/** The dashboard's whole-range reader (speculative window of C requests). */
export async function wholeRangeRead(
  q: MessageQuery,
  cfg: MobivateConfig,
  concurrency: number,
): Promise<ReadResult> {
  const started = performance.now();
  let records = 0;
  let pages = 0;
  const reader = readAllMessages(q, { cfg, concurrency, onProgress: (p) => (pages = p.pages) });
  for await (const page of reader) records += page.length;
  return { records, pages, wallMs: performance.now() - started };
}

/**
 * The whole-range reader's scheduling alone: a simulated API that answers after exactly
 * `latencyMs` with `total` records in all, and no HTTP, JSON or validation. What is left
 * over the ⌈P/C⌉·L limit here is the reader's own doing.
 */
export async function simulatedRead(
  total: number,
  latencyMs: number,
  concurrency: number,
): Promise<ReadResult> {
  const fetchPage = (page: number, pageSize: number, signal: AbortSignal) =>
    new Promise<number[]>((resolve, reject) => {
      const first = (page - 1) * pageSize;
      const size = Math.max(0, Math.min(pageSize, total - first));
      const timer = setTimeout(
        () => resolve(Array.from({ length: size }, (_, i) => first + i)),
        latencyMs,
      );
      signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  const started = performance.now();
  let records = 0;
  let pages = 0;
  const reader = readPages(fetchPage, String, {
    concurrency,
    onProgress: (p) => (pages = p.pages),
  });
  for await (const page of reader) records += page.length;
  return { records, pages, wallMs: performance.now() - started };
}
