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
});
