import { afterEach, describe, expect, it } from "vitest";
import { AuthConfigError, authSettings, getAuthEnv, resetAuthEnvForTests } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetAuthEnvForTests();
});

function envWith(vars: Record<string, string | undefined>) {
  process.env = { ...saved, DASHBOARD_DEMO: "1", ...vars };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  resetAuthEnvForTests();
  return getAuthEnv();
}

describe("dashboard settings: proxy trust and audit retention", () => {
  it("defaults: no proxy trusted, 400 days of audit log", () => {
    const env = envWith({
      DASHBOARD_TRUST_PROXY: undefined,
      DASHBOARD_AUDIT_RETENTION_DAYS: undefined,
    });
    expect(env.DASHBOARD_TRUST_PROXY).toBe(false);
    expect(authSettings(env).auditRetentionDays).toBe(400);
  });

  it.each([
    ["1", true],
    ["true", true],
    [" TRUE ", true],
    ["0", false],
    ["false", false],
    ["", false],
  ])("DASHBOARD_TRUST_PROXY=%j → %s", (value, expected) => {
    expect(envWith({ DASHBOARD_TRUST_PROXY: value }).DASHBOARD_TRUST_PROXY).toBe(expected);
  });

  it.each(["yes", "on", "2"])("DASHBOARD_TRUST_PROXY=%j is refused in words", (value) => {
    expect(() => envWith({ DASHBOARD_TRUST_PROXY: value })).toThrow(AuthConfigError);
    expect(() => envWith({ DASHBOARD_TRUST_PROXY: value })).toThrow(
      /DASHBOARD_TRUST_PROXY must be 1 \(a reverse proxy in front sets X-Forwarded-For\) or 0/,
    );
  });

  it.each([
    ["30", 30],
    ["36500", 36_500],
  ])("DASHBOARD_AUDIT_RETENTION_DAYS=%j → %d", (value, expected) => {
    expect(
      authSettings(envWith({ DASHBOARD_AUDIT_RETENTION_DAYS: value })).auditRetentionDays,
    ).toBe(expected);
  });

  it.each([
    ["0", /at least 1/],
    ["-5", /at least 1/],
    ["1.5", /whole number of days/],
    ["forever", /whole number of days/],
    ["36501", /at most 36500/],
  ])("DASHBOARD_AUDIT_RETENTION_DAYS=%j is refused in words", (value, message) => {
    expect(() => envWith({ DASHBOARD_AUDIT_RETENTION_DAYS: value })).toThrow(message);
  });
});
