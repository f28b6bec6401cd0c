import { afterEach, describe, expect, it, vi } from "vitest";
import { aggregateSpend } from "./aggregate";
import { fetchReport, ReportRequestError } from "@/lib/report/fetch-report";
import type { ProgressLine } from "@/lib/report/protocol";
import { spendLineSchema } from "./protocol";
import { spendReportUrl } from "./query";
import type { SpendQuery, SpendResult } from "./types";

// The browser's read of `GET /api/spend` (what components/report/use-report-read.ts calls).
function fetchSpend(
  query: SpendQuery,
  opts: { signal?: AbortSignal; refresh?: boolean; onProgress?: (p: ProgressLine) => void } = {},
): Promise<SpendResult> {
  return fetchReport<SpendResult, ProgressLine>(
    spendReportUrl(query, opts.refresh),
    spendLineSchema,
    opts,
  );
}

const QUERY: SpendQuery = { from: "2026-03-01", to: "2026-03-02", tz: "UTC", direction: null };
const RESULT: SpendResult = {
  summary: aggregateSpend(QUERY, []),
  read: {
    pages: 1,
    elapsedMs: 12,
    readAt: 1_700_000_000_000,
    cached: false,
    source: { kind: "live", reason: "off" },
  },
};

/** A streamed response made of these chunks (split anywhere, even inside a line). */
function streamed(chunks: string[], status = 200): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      c.close();
    },
  });
  return new Response(body, { status });
}

function mockFetch(response: Response | (() => Promise<Response>)) {
  const respond = typeof response === "function" ? response : async () => response;
  const fn = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(respond);
  vi.stubGlobal("fetch", fn);
  return fn;
}

afterEach(() => vi.unstubAllGlobals());

describe("fetchSpend", () => {
  it("reports progress and resolves with the result, whatever the chunking", async () => {
    const text = [
      JSON.stringify({ type: "progress", records: 0, pages: 0, elapsedMs: 0 }),
      JSON.stringify({ type: "progress", records: 1000, pages: 1, elapsedMs: 250 }),
      JSON.stringify({ type: "result", data: RESULT }),
    ].join("\n");
    const fn = mockFetch(streamed([text.slice(0, 7), text.slice(7, 80), text.slice(80) + "\n"]));
    const progress: number[] = [];
    const result = await fetchSpend(QUERY, { onProgress: (p) => progress.push(p.records) });
    expect(result).toEqual(RESULT);
    expect(progress).toEqual([0, 1000]);
    expect(fn.mock.calls[0]?.[0]).toBe("/api/spend?from=2026-03-01&to=2026-03-02&tz=UTC");
  });

  it("asks the server to skip its cache on refresh", async () => {
    const fn = mockFetch(streamed([`${JSON.stringify({ type: "result", data: RESULT })}\n`]));
    await fetchSpend({ ...QUERY, direction: "MT" }, { refresh: true });
    expect(fn.mock.calls[0]?.[0]).toContain("direction=MT&refresh=1");
  });

  it("turns an error line into a ReportRequestError with the server's words", async () => {
    const error = { kind: "key-rejected", status: 401, message: "The key was rejected (401)." };
    mockFetch(streamed([`${JSON.stringify({ type: "error", error })}\n`]));
    const err = await fetchSpend(QUERY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportRequestError);
    expect((err as ReportRequestError).info).toEqual(error);
  });

  it("turns a 400 into a bad-request error with the server's message", async () => {
    const body = { error: { kind: "bad-request", status: 400, message: "tz: not a zone" } };
    mockFetch(Response.json(body, { status: 400 }));
    const err = (await fetchSpend(QUERY).catch((e: unknown) => e)) as ReportRequestError;
    expect(err.info).toMatchObject({ kind: "bad-request", status: 400, message: "tz: not a zone" });
  });

  it.each([
    [
      "a stream that ends without a result",
      [`{"type":"progress","records":1,"pages":1,"elapsedMs":1}\n`],
      /stopped before/,
    ],
    ["an unreadable line", ["not json\n"], /unreadable/],
    ["a line of the wrong shape", [`{"type":"result","data":{}}\n`], /unexpected/],
  ])("reports %s as a server problem", async (_, chunks, message) => {
    mockFetch(streamed(chunks));
    const err = (await fetchSpend(QUERY).catch((e: unknown) => e)) as ReportRequestError;
    expect(err).toBeInstanceOf(ReportRequestError);
    expect(err.info.kind).toBe("internal");
    expect(err.info.message).toMatch(message);
  });

  it("lets an abort through as an abort, so the caller sees a cancellation", async () => {
    const ctrl = new AbortController();
    mockFetch(async () => {
      ctrl.abort();
      throw new DOMException("aborted", "AbortError");
    });
    const err = await fetchSpend(QUERY, { signal: ctrl.signal }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ReportRequestError);
    expect((err as Error).name).toBe("AbortError");
  });

  it("explains a network failure", async () => {
    mockFetch(async () => {
      throw new TypeError("fetch failed");
    });
    const err = (await fetchSpend(QUERY).catch((e: unknown) => e)) as ReportRequestError;
    expect(err.info.kind).toBe("unreachable");
  });
});
