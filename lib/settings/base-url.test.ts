import { describe, expect, it } from "vitest";
import { checkBaseUrl } from "./base-url";

// Attacker-chosen base URLs: every spelling of the metadata service and of link-local hosts
// must be refused, with a reason; the real API and the local sandbox must pass.

const accepted: [string, string][] = [
  ["https://api.mobivatebulksms.com", "https://api.mobivatebulksms.com"],
  ["  https://api.mobivatebulksms.com/  ", "https://api.mobivatebulksms.com"],
  ["HTTPS://API.MobivateBulkSMS.com/v1/", "https://api.mobivatebulksms.com/v1"],
  ["https://api.mobivatebulksms.com./", "https://api.mobivatebulksms.com"],
  ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
  ["http://127.1.2.3:80/", "http://127.1.2.3"],
  ["http://localhost:4010", "http://localhost:4010"],
  ["http://LOCALHOST.:4010/", "http://localhost:4010"],
  ["http://[::1]:4010", "http://[::1]:4010"],
  ["http://2130706433:4010/", "http://127.0.0.1:4010"], // decimal 127.0.0.1
  ["https://10.0.0.5", "https://10.0.0.5"], // a private server over https is the admin's call
];

const refused: [string, RegExp][] = [
  ["http://169.254.169.254/latest/meta-data/", /link-local or cloud metadata/],
  ["https://169.254.169.254/", /link-local or cloud metadata/],
  ["http://2852039166/", /link-local or cloud metadata/], // decimal
  ["http://0xA9FEA9FE/", /link-local or cloud metadata/], // hex
  ["http://0xa9.0xfe.0xa9.0xfe/", /link-local or cloud metadata/],
  ["http://0251.0376.0251.0376/", /link-local or cloud metadata/], // octal
  ["http://169.254.169.254./", /link-local or cloud metadata/], // trailing dot
  ["HTTP://169.254.169.254/", /link-local or cloud metadata/], // upper-case scheme
  ["https://169.254.1.1:8443/", /link-local/],
  ["http://[::ffff:169.254.169.254]/", /link-local or cloud metadata/],
  ["https://[::ffff:a9fe:a9fe]/", /link-local or cloud metadata/],
  ["https://[64:ff9b::a9fe:a9fe]/", /link-local or cloud metadata/],
  ["https://[fe80::1]/", /link-local/],
  ["https://[FEBF::1]/", /link-local/],
  ["https://[fd00:ec2::254]/", /metadata/],
  ["http://metadata.google.internal/computeMetadata/v1/", /metadata/],
  ["https://METADATA.google.internal./", /metadata/],
  ["http://0.0.0.0:4010/", /not a usable address/],
  ["https://[::]/", /not a usable address/],
  ["http://api.mobivatebulksms.com", /must use https/],
  ["http://10.0.0.5", /must use https/],
  ["http://[::ffff:10.0.0.5]/", /must use https/],
  ["http://evil.example/", /must use https/],
  ["https://user:pass@api.mobivatebulksms.com", /user name or password/],
  ["https://user@api.mobivatebulksms.com", /user name or password/],
  ["ftp://api.mobivatebulksms.com", /must start with https/],
  ["file:///etc/passwd", /must start with https/],
  ["javascript:alert(1)", /must start with https/],
  ["gopher://127.0.0.1:6379/", /must start with https/],
  ["//api.mobivatebulksms.com", /absolute https/],
  ["api.mobivatebulksms.com", /absolute https/],
  ["https://api.mobivatebulksms.com/?x=1", /query/],
  ["", /Enter the API base URL/],
  [`https://a.example/${"x".repeat(600)}`, /too long/],
];

describe("checkBaseUrl", () => {
  it.each(accepted)("accepts %s", (input, normalised) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, url: normalised });
  });
  it.each(refused)("refuses %s, saying why", (input, reason) => {
    const result = checkBaseUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
