import { describe, expect, it } from "vitest";
import {
  DASHBOARD_ERROR_KINDS,
  ERROR_KINDS,
  PROVIDER_ERROR_KINDS,
  isProviderKind,
} from "@/lib/errors/kinds";
import { errorBodySchema, jsonError } from "./error-body";

// The one JSON error body: every kind leaves the server with jsonError and is read back by
// the same schema the browser uses, unchanged.

describe("error kinds", () => {
  it("are two families with no name in both, composed into one list", () => {
    const dashboard = new Set<string>(DASHBOARD_ERROR_KINDS);
    expect(PROVIDER_ERROR_KINDS.filter((k) => dashboard.has(k))).toEqual([]);
    expect([...ERROR_KINDS].sort()).toEqual(
      [...DASHBOARD_ERROR_KINDS, ...PROVIDER_ERROR_KINDS].sort(),
    );
    expect(DASHBOARD_ERROR_KINDS.some(isProviderKind)).toBe(false);
    expect(PROVIDER_ERROR_KINDS.every(isProviderKind)).toBe(true);
  });
});

describe("jsonError", () => {
  it.each(ERROR_KINDS)("a %s body round-trips through errorBodySchema", async (kind) => {
    const res = jsonError(
      418,
      { kind, status: 500, title: "T", message: "M", apiMessage: "A" },
      { "Retry-After": "5" },
    );
    expect(res.status).toBe(418);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const parsed = errorBodySchema.parse(await res.json());
    // The body's status is the answer's, whatever the error carried before.
    expect(parsed).toEqual({
      error: { kind, status: 418, title: "T", message: "M", apiMessage: "A" },
    });
  });

  it("leaves out what the error does not have", async () => {
    const res = jsonError(400, { kind: "bad-request", message: "from: not a date" });
    expect(await res.json()).toEqual({
      error: { kind: "bad-request", status: 400, message: "from: not a date" },
    });
  });

  it("the schema refuses a body of another shape or an unknown kind", () => {
    expect(errorBodySchema.safeParse({ error: "nope", kind: "bad-request" }).success).toBe(false);
    expect(
      errorBodySchema.safeParse({ error: { kind: "unauthorized", message: "x" } }).success,
    ).toBe(false);
  });
});
