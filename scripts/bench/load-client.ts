// What one simulated person does in the load test: opens Messages the way the page does
// (its server action, listMessagesAction, posted as the browser posts it), and downloads
// CSV exports. Timings are client-side wall times over loopback.
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

/** The id Next gave listMessagesAction in this build (from its server-reference manifest). */
export function listActionId(distDir: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(
    ([, v]) => v.exportedName === "listMessagesAction" && v.filename === "lib/messages/actions.ts",
  );
  if (!found) throw new Error(`listMessagesAction is not in ${distDir}'s server actions`);
  return found[0];
}

/**
 * `promise`, or a rejection as soon as `signal` aborts. Node 20's fetch can leave a body read
 * pending for ever when the abort lands at the wrong moment (seen once: every socket closed,
 * the test's Promise.all never settled), so no read here waits on undici alone.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

export interface Sample {
  ms: number;
  ok: boolean;
  error?: string;
}

/** One call of the Messages page's action; ok = HTTP 200 and an `{ ok: true }` answer. */
export async function openMessages(
  base: string,
  cookie: string,
  actionId: string,
  input: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(`${base}/messages`, {
      method: "POST",
      headers: {
        "Next-Action": actionId,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
        Origin: base,
        Cookie: cookie,
      },
      body: JSON.stringify([input]),
      signal,
    });
    const text = await untilAborted(res.text(), signal);
    const ms = performance.now() - started;
    if (res.status !== 200) return { ms, ok: false, error: `HTTP ${res.status}` };
    if (!text.includes('"ok":true')) {
      return { ms, ok: false, error: `answer: ${text.slice(0, 200).replace(/\s+/g, " ")}` };
    }
    return { ms, ok: true };
  } catch (e) {
    if (signal.aborted) return { ms: performance.now() - started, ok: true, error: "aborted" };
    return { ms: performance.now() - started, ok: false, error: String(e) };
  }
}

export interface ExportSample {
  rows: number;
  ms: number;
  firstByteMs: number;
  ok: boolean;
  /** Cut off by the end of the test (the rows so far still count for the rate). */
  cut: boolean;
  error?: string;
}

/** Downloads one CSV export, counting records (line feeds outside quotes), until `signal`. */
export async function downloadExport(
  url: string,
  cookie: string,
  signal: AbortSignal,
): Promise<ExportSample> {
  const started = performance.now();
  let records = 0;
  let firstByteMs = Number.NaN;
  let inQuotes = false;
  const done = (ok: boolean, cut: boolean, error?: string): ExportSample => ({
    rows: Math.max(0, records - 1),
    ms: performance.now() - started,
    firstByteMs,
    ok,
    cut,
    error,
  });
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    const res = await fetch(url, { headers: { Cookie: cookie }, signal });
    if (res.status !== 200) return done(false, false, `HTTP ${res.status}`);
    reader = res.body?.getReader();
    for (;;) {
      const next = reader ? await untilAborted(reader.read(), signal) : undefined;
      if (!next || next.done) break;
      if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
      // Counted with indexOf (memchr) rather than a loop over every byte: the client runs on
      // the server's two cores, and a byte loop over five downloads took ~40 % of one.
      const data = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
      let pos = 0;
      while (pos < data.length) {
        const quote = data.indexOf(0x22, pos);
        if (inQuotes) {
          if (quote < 0) break;
          inQuotes = false;
          pos = quote + 1;
          continue;
        }
        const segment = data.subarray(pos, quote < 0 ? data.length : quote);
        for (let n = segment.indexOf(0x0a); n >= 0; n = segment.indexOf(0x0a, n + 1)) records++;
        if (quote < 0) break;
        inQuotes = true;
        pos = quote + 1;
      }
    }
    return done(true, false);
  } catch (e) {
    if (signal.aborted) {
      reader?.cancel().catch(() => {});
      return done(true, true);
    }
    return done(false, false, String(e));
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
