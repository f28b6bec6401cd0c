import { afterEach, describe, expect, it, vi } from "vitest";
import { errorBodySchema } from "@/lib/http/error-body";
import { spendLineSchema } from "@/lib/spend/protocol";
import { fetchReport, ReportRequestError } from "./fetch-report";

// A report read whose session has ended, from the real guard to the browser's words: the
// route answers the one error body (signed-out 401) and the read says to sign in again,
// never that the API key was rejected. No cookie: nothing of the database is needed.
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));

afterEach(() => vi.unstubAllGlobals());

describe("a report read after the session ended", () => {
  it("says to sign in again", async () => {
    const { GET } = await import("@/app/api/spend/route");
    const answer = await GET(new Request("http://dashboard.test/api/spend?from=2026-01-01"));
    expect(answer.status).toBe(401);
    const body = errorBodySchema.parse(await answer.clone().json());
    expect(body.error).toMatchObject({ kind: "signed-out", status: 401 });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => answer),
    );
    const err = await fetchReport("/api/spend", spendLineSchema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportRequestError);
    const { info } = err as ReportRequestError;
    expect(info).toMatchObject({ kind: "signed-out", status: 401 });
    expect(info.message).toMatch(/Sign in again/);
    expect(info.message).not.toMatch(/API key/);
  });
});
