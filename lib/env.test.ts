import { afterEach, describe, expect, it } from "vitest";
import { EnvError, getEnv, resetEnvForTests } from "./env";

// The Mobivate and dashboard-wide variables are validated once, with messages that name the
// variable and the rule (never the value).

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

function envWith(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  return getEnv;
}

const issues = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof EnvError) return err.issues.join("; ");
    throw err;
  }
  return "";
};

describe("lib/env", () => {
  it("has defaults: the real API, 2 downloads per person, 4 in all, no default country", () => {
    const env = envWith({
      MOBIVATE_API_BASE_URL: undefined,
      DASHBOARD_EXPORTS_PER_USER: undefined,
      DASHBOARD_EXPORTS_MAX: undefined,
      DASHBOARD_DEFAULT_COUNTRY: undefined,
    })();
    expect(env.MOBIVATE_API_BASE_URL).toBe("https://api.mobivatebulksms.com");
    expect(env.DASHBOARD_EXPORTS_PER_USER).toBe(2);
    expect(env.DASHBOARD_EXPORTS_MAX).toBe(4);
    expect(env.DASHBOARD_DEFAULT_COUNTRY).toBeUndefined();
  });

  it("reads the limits and the country (case-insensitive)", () => {
    const env = envWith({
      DASHBOARD_EXPORTS_PER_USER: "1",
      DASHBOARD_EXPORTS_MAX: "10",
      DASHBOARD_DEFAULT_COUNTRY: " au ",
      MOBIVATE_API_BASE_URL: "http://127.0.0.1:4010/",
    })();
    expect(env).toMatchObject({
      DASHBOARD_EXPORTS_PER_USER: 1,
      DASHBOARD_EXPORTS_MAX: 10,
      DASHBOARD_DEFAULT_COUNTRY: "AU",
      MOBIVATE_API_BASE_URL: "http://127.0.0.1:4010",
    });
  });

  it.each([
    [{ DASHBOARD_EXPORTS_PER_USER: "0" }, /DASHBOARD_EXPORTS_PER_USER must be a whole number/],
    [{ DASHBOARD_EXPORTS_MAX: "lots" }, /DASHBOARD_EXPORTS_MAX must be a whole number/],
    [{ DASHBOARD_DEFAULT_COUNTRY: "Australia" }, /two-letter country code/],
    [{ DASHBOARD_DEFAULT_COUNTRY: "XX" }, /two-letter country code/],
    [{ MOBIVATE_API_BASE_URL: "http://169.254.169.254/" }, /link-local or cloud metadata/],
    [{ MOBIVATE_API_BASE_URL: "http://api.example.com" }, /must use https/],
  ])("refuses %j in words", (vars, message) => {
    expect(issues(envWith(vars))).toMatch(message);
  });

  describe("the mirror's settings", () => {
    const SYNC_VARS = [
      "DASHBOARD_SYNC",
      "DASHBOARD_SYNC_SINCE",
      "DASHBOARD_SYNC_INTERVAL_SECONDS",
      "DASHBOARD_SYNC_LOOKBACK_HOURS",
      "DASHBOARD_SYNC_CONCURRENCY",
      "DASHBOARD_SYNC_BODIES",
      "DASHBOARD_SYNC_RETENTION_DAYS",
    ];
    const unset = Object.fromEntries(SYNC_VARS.map((k) => [k, undefined]));

    it("defaults: on, every minute, 72 h lookback, 4 requests, bodies kept, nothing pruned", () => {
      const env = envWith(unset)();
      expect(env).toMatchObject({
        DASHBOARD_SYNC: true,
        DASHBOARD_SYNC_INTERVAL_SECONDS: 60,
        DASHBOARD_SYNC_LOOKBACK_HOURS: 72,
        DASHBOARD_SYNC_CONCURRENCY: 4,
        DASHBOARD_SYNC_BODIES: true,
      });
      expect(env.DASHBOARD_SYNC_SINCE).toBeUndefined();
      expect(env.DASHBOARD_SYNC_RETENTION_DAYS).toBeUndefined();
    });

    it("reads every setting", () => {
      const env = envWith({
        DASHBOARD_SYNC: "0",
        DASHBOARD_SYNC_SINCE: "2026-01-31",
        DASHBOARD_SYNC_INTERVAL_SECONDS: "15",
        DASHBOARD_SYNC_LOOKBACK_HOURS: "0",
        DASHBOARD_SYNC_CONCURRENCY: "2",
        DASHBOARD_SYNC_BODIES: "false",
        DASHBOARD_SYNC_RETENTION_DAYS: "400",
      })();
      expect(env).toMatchObject({
        DASHBOARD_SYNC: false,
        DASHBOARD_SYNC_SINCE: "2026-01-31",
        DASHBOARD_SYNC_INTERVAL_SECONDS: 15,
        DASHBOARD_SYNC_LOOKBACK_HOURS: 0,
        DASHBOARD_SYNC_CONCURRENCY: 2,
        DASHBOARD_SYNC_BODIES: false,
        DASHBOARD_SYNC_RETENTION_DAYS: 400,
      });
    });

    it.each([
      ["DASHBOARD_SYNC", "yes", "DASHBOARD_SYNC must be 1 (on) or 0 (off)"],
      ["DASHBOARD_SYNC_BODIES", "no", "DASHBOARD_SYNC_BODIES must be 1 (on) or 0 (off)"],
      ["DASHBOARD_SYNC_SINCE", "2026-13-01", "DASHBOARD_SYNC_SINCE must be a real date"],
      ["DASHBOARD_SYNC_SINCE", "01/02/2026", "DASHBOARD_SYNC_SINCE must be a date, YYYY-MM-DD"],
      ["DASHBOARD_SYNC_INTERVAL_SECONDS", "1", "from 5 to 86400"],
      ["DASHBOARD_SYNC_CONCURRENCY", "2.5", "DASHBOARD_SYNC_CONCURRENCY must be a whole number"],
      [
        "DASHBOARD_SYNC_RETENTION_DAYS",
        "0",
        "DASHBOARD_SYNC_RETENTION_DAYS must be a whole number",
      ],
    ])("refuses %s=%s in words", (name, value, words) => {
      expect(issues(envWith({ ...unset, [name]: value }))).toContain(words);
    });
  });
});
