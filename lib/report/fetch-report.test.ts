import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ERROR_KINDS } from "@/lib/errors/kinds";
import { jsonError } from "@/lib/http/error-body";
import { describeError, MobivateError } from "@/lib/mobivate/errors";
import { describeRefusal, fetchReport, ReportRequestError } from "./fetch-report";
import { reportLineSchema } from "./protocol";

// The refusals a report route answers before any line, in the one error body the guard
// (lib/auth/guards.ts), proxy.ts and the report routes send: each keeps its kind, so an
// ended session is not a rejected key and a role check is not a server problem.

const schema = reportLineSchema(z.object({ n: z.number() }), {});

afterEach(() => vi.unstubAllGlobals());

async function refusedWith(response: Response): Promise<ReportRequestError> {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => response),
  );
  const err = await fetchReport("/api/x", schema).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ReportRequestError);
  return err as ReportRequestError;
}

const page = (status: number) =>
  new Response("<html>Bad gateway</html>", { status, headers: { "Content-Type": "text/html" } });

describe("fetchReport refusals", () => {
  it.each(ERROR_KINDS)("a %s body round-trips unchanged", async (kind) => {
    const error = { kind, status: 409, title: "T", message: `said ${kind}`, apiMessage: "A" };
    const { info } = await refusedWith(jsonError(409, error));
    expect(info).toEqual(error);
  });

  it("an ended session (the guard's 401) says to sign in, not that the API key was rejected", async () => {
    const { signedOut } = await import("@/lib/errors/dashboard");
    const { info } = await refusedWith(jsonError(401, signedOut()));
    expect(info).toMatchObject({ kind: "signed-out", status: 401 });
    expect(info.message).toMatch(/sign in again/i);
    expect(`${info.title ?? ""} ${info.message}`).not.toMatch(/API key/i);
  });

  it.each([
    [401, "signed-out", /sign in again/i],
    [403, "forbidden", /role does not allow/i],
    [429, "busy", /busy/],
    [400, "bad-request", /answered 400/],
    [413, "bad-request", /answered 413/],
    [502, "internal", /answered 502\. Try again\./],
  ] as const)(
    "a %i that is not our JSON is worded by its status: %s",
    async (status, kind, words) => {
      const { info } = await refusedWith(page(status));
      expect(info).toMatchObject({ kind, status });
      expect(info.message).toMatch(words);
    },
  );

  it("a body of the old shapes is not trusted: the status decides", () => {
    expect(describeRefusal(403, { error: "nope", kind: "forbidden" }).kind).toBe("forbidden");
    expect(describeRefusal(401, { error: { kind: "unauthorized", message: "x" } }).kind).toBe(
      "signed-out",
    );
  });
});

describe("fetchReport error lines", () => {
  it("passes the provider's rejected key through with the key wording", async () => {
    const error = describeError(new MobivateError("key-rejected", "401", { status: 401 }));
    const line = `${JSON.stringify({ type: "error", error })}\n`;
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(line)),
    );
    const err = (await fetchReport("/api/x", schema).catch(
      (e: unknown) => e,
    )) as ReportRequestError;
    expect(err.info).toEqual(error);
    expect(err.info.kind).toBe("key-rejected");
    expect(err.info.message).toMatch(/rejected the API key/);
  });

  it("a server that cannot be reached is the dashboard's, not Mobivate's network", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    const err = (await fetchReport("/api/x", schema).catch(
      (e: unknown) => e,
    )) as ReportRequestError;
    expect(err.info.kind).toBe("unreachable");
  });
});
