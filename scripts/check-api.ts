// `npm run check-api`: a read-only check of a real Mobivate account (lib/check-api). Needs
// MOBIVATE_API_KEY; MOBIVATE_API_BASE_URL defaults to the real API. Optional:
// MOBIVATE_TIMEOUT_MS (default 15000), --page-size <1..1000> (default 100).
// Exit codes: 0 fine, 1 key rejected / API unreachable / bad configuration, 2 records the
// dashboard cannot read.
import "./bench/server-only-shim";
import { parseArgs } from "node:util";

// Modules that import "server-only" load after the shim has registered.
const { runApiCheck, ApiCheckFailure } = await import("../lib/check-api/run");
const { formatReport } = await import("../lib/check-api/report");
const { checkBaseUrl } = await import("../lib/settings/base-url");

function fail(message: string): never {
  console.error(`check-api: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({ options: { "page-size": { type: "string" } } });
const pageSize = Number(values["page-size"] ?? 100);
if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
  fail("--page-size must be a whole number from 1 to 1000");
}
const apiKey = process.env.MOBIVATE_API_KEY?.trim();
if (!apiKey) fail("set MOBIVATE_API_KEY to the key of the account to check.");
// The dashboard's own rule for where the key may be sent (lib/settings/base-url.ts).
const base = checkBaseUrl(process.env.MOBIVATE_API_BASE_URL || "https://api.mobivatebulksms.com");
if (!base.ok) fail(`MOBIVATE_API_BASE_URL is refused: ${base.reason}`);
const timeoutMs = Number(process.env.MOBIVATE_TIMEOUT_MS || 15_000);
if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 120_000) {
  fail("MOBIVATE_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 120000");
}

try {
  const report = await runApiCheck(
    // One retry only: a new user wants an answer, not minutes of back-off.
    { baseUrl: base.url, apiKey, timeoutMs, maxRetries: 1, baseDelayMs: 250, maxDelayMs: 2_000 },
    { pageSize },
  );
  const { text, exitCode } = formatReport(report);
  console.log(text);
  process.exit(exitCode);
} catch (err) {
  if (err instanceof ApiCheckFailure) fail(err.message);
  throw err;
}
