import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/lib/observability/capture-logs";

// The header's view of the session: a database outage is "unavailable", never "signed-out".
const current = vi.hoisted(() => ({ read: async (): Promise<unknown> => null }));
vi.mock("./guards", () => ({ getCurrentUser: () => current.read() }));

const { shellSession } = await import("./shell-session");

afterEach(() => vi.restoreAllMocks());

describe("shellSession", () => {
  it("is signed-in with the user, or signed-out without a session", async () => {
    const user = { id: "u1", email: "a@b.test", role: "admin" };
    current.read = async () => user;
    expect(await shellSession()).toEqual({ state: "signed-in", user });
    current.read = async () => null;
    expect(await shellSession()).toEqual({ state: "signed-out" });
  });

  it("is unavailable, and logged without the query's parameters, when the session cannot be read", async () => {
    const log = captureLogs();
    current.read = async () => {
      throw new Error("Failed query: select … \nparams: secret-hash");
    };
    expect(await shellSession()).toEqual({ state: "unavailable" });
    expect(log.at("error")).toHaveLength(1);
    expect(log.text()).not.toContain("secret-hash");
    log.restore();
  });

  it("lets Next's own control flow through", async () => {
    const { notFound } = await import("next/navigation");
    current.read = async () => notFound();
    await expect(shellSession()).rejects.toThrow();
  });
});
