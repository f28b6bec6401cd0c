import { describe, expect, it } from "vitest";
import { TimeError } from "@/lib/time/errors";
import { isProviderKind } from "@/lib/errors/kinds";
import { describeError, kindForStatus, MobivateError } from "./errors";

const rejected = new MobivateError("key-rejected", "401", { status: 401 });

describe("describeError: a rejected key (401)", () => {
  it("tells an admin where to fix it", () => {
    const { message } = describeError(rejected, { canManageSettings: true });
    expect(message).toMatch(/rejected the API key/);
    expect(message).toMatch(/Enter a valid key in Settings \(API key\)/);
  });

  it("tells anyone else to ask an admin, not to check a key they cannot reach", () => {
    const { message } = describeError(rejected, { canManageSettings: false });
    expect(message).toMatch(/Only an admin can change the key: ask an admin/);
    expect(message).not.toMatch(/Check that the key|Enter a valid key/);
  });

  it("speaks to both when the reader is unknown (a download, a stream)", () => {
    const { message } = describeError(rejected);
    expect(message).toMatch(/An admin can enter a valid key in Settings/);
    expect(message).toMatch(/if you are not an admin, ask one/);
  });
});

describe("describeError: the request's own fault", () => {
  it("is a 400 in the time library's words, not 'a problem on the dashboard server'", () => {
    const info = describeError(new TimeError("INVALID_DAY", "Year 10000 is outside 0001–9999"));
    expect(info).toEqual({
      kind: "bad-request",
      status: 400,
      title: "These filters cannot be used",
      message: "Year 10000 is outside 0001–9999",
    });
  });
});

describe("provider failures are the provider's kinds, never the dashboard's", () => {
  it.each([
    [400, "refused"],
    [401, "key-rejected"],
    [402, "out-of-credit"],
    [403, "refused"],
    [404, "not-found"],
    [409, "refused"],
    [429, "rate-limited"],
    [500, "unavailable"],
    [503, "unavailable"],
  ] as const)("%i → %s", (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
    const info = describeError(new MobivateError(kind, "x", { status, apiMessage: "said" }));
    expect(info.kind).toBe(kind);
    expect(isProviderKind(info.kind)).toBe(true);
    expect(info.apiMessage).toBe("said");
  });

  it("words a 403 from Mobivate as Mobivate's refusal with its message, not the role", () => {
    const info = describeError(
      new MobivateError("refused", "403", { status: 403, apiMessage: "Recipient opted out" }),
    );
    expect(info.message).toBe("The Mobivate API did not allow this: Recipient opted out.");
  });

  it("calls anything else the dashboard's own fault", () => {
    expect(describeError(new Error("boom"))).toEqual({
      kind: "internal",
      message: "Something went wrong on the dashboard server. Try again.",
    });
  });
});
