import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { describeError, MobivateError } from "@/lib/mobivate/errors";
import { describeRefusal, fetchReport, ReportRequestError } from "./fetch-report";
import { reportLineSchema } from "./protocol";

// The refusals a report route answers before any line, in the one error body the guard
// (lib/auth/guards.ts), proxy.ts and the report routes send: each worded for who refused.

const schema = reportLineSchema(z.object({ n: z.number() }), {});

afterEach(() => vi.unstubAllGlobals());

async function refusedWith(status: number, body: unknown): Promise<ReportRequestError> {
  const response =
    typeof body === "string"
      ? new Response(body, { status, headers: { "Content-Type": "text/html" } })
      : Response.json(body, { status });
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => response),
  );
  const err = await fetchReport("/api/x", schema).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ReportRequestError);
  return err as ReportRequestError;
}

const guardBody = (status: 401 | 403, message: string) => ({
  error: { kind: status === 401 ? "unauthorized" : "forbidden", status, message },
});

describe("fetchReport refusals", () => {
  it("words a 401 from the guard as an ended session, not a rejected API key", async () => {
    const { info } = await refusedWith(401, guardBody(401, "Sign in to use this."));
    expect(info).toMatchObject({ kind: "forbidden", status: 401 });
    expect(info.title).toBe("Your session has ended");
    expect(info.message).toMatch(/sign in again/i);
    expect(`${info.title} ${info.message}`).not.toMatch(/API key/i);
  });

  it("words a 403 as the role not allowing it, with the guard's words", async () => {
    const said =
      "Your role (Viewer) does not allow this (spend:read). Ask an admin if you need it.";
    const { info } = await refusedWith(403, guardBody(403, said));
    expect(info).toEqual({
      kind: "forbidden",
      status: 403,
      title: "Your role does not allow this",
      message: said,
    });
  });

  it("keeps a 400's message as filters that cannot be used", async () => {
    const body = { error: { kind: "bad-request", status: 400, message: "tz: not a zone" } };
    const { info } = await refusedWith(400, body);
    expect(info).toMatchObject({ kind: "bad-request", status: 400, message: "tz: not a zone" });
    expect(info.title).toBe("These filters cannot be used");
  });

  it("words a page that is not our JSON by its status alone", async () => {
    const { info } = await refusedWith(502, "<html>Bad gateway</html>");
    expect(info).toMatchObject({ kind: "server", status: 502 });
    expect(info.title).toBe("The dashboard server had a problem");
    expect(info.message).toMatch(/answered 502\. Try again\./);
  });

  it("still words a 401 without a body as an ended session", () => {
    expect(describeRefusal(401, undefined).title).toBe("Your session has ended");
  });
});

describe("fetchReport error lines", () => {
  it("passes the provider's rejected key through with the key wording", async () => {
    const error = describeError(new MobivateError("unauthorized", "401", { status: 401 }));
    const line = `${JSON.stringify({ type: "error", error })}\n`;
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(line)),
    );
    const err = (await fetchReport("/api/x", schema).catch(
      (e: unknown) => e,
    )) as ReportRequestError;
    expect(err.info).toEqual(error);
    expect(err.info.kind).toBe("unauthorized");
    expect(err.info.message).toMatch(/rejected the API key/);
  });
});
