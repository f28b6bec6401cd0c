// Downloads a CSV export as a browser would (streamed, gzip accepted) and counts its rows
// without keeping it: records end at a line feed outside double quotes (RFC 4180).

export interface DownloadResult {
  status: number;
  bytes: number;
  /** Data rows (records minus the header line). */
  rows: number;
  headersMs: number;
  firstByteMs: number;
  totalMs: number;
  /** The body ended normally (a failed export aborts the stream instead). */
  complete: boolean;
  error?: string;
}

/** `cookie`: the session (every route of the dashboard needs one). */
export async function downloadCsv(url: string, cookie: string): Promise<DownloadResult> {
  const started = performance.now();
  const res = await fetch(url, { headers: { Cookie: cookie } });
  const headersMs = performance.now() - started;
  let firstByteMs = Number.NaN;
  let bytes = 0;
  let records = 0;
  let inQuotes = false;
  let error: string | undefined;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      const data = next.value;
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += data.length;
      for (let i = 0; i < data.length; i++) {
        const c = data[i];
        if (c === 0x22) inQuotes = !inQuotes;
        else if (c === 0x0a && !inQuotes) records++;
      }
    }
  } catch (e) {
    error = String(e);
  }
  return {
    status: res.status,
    bytes,
    rows: Math.max(0, records - 1),
    headersMs,
    firstByteMs,
    totalMs: performance.now() - started,
    complete: error === undefined,
    error,
  };
}
