// Runs once when the server starts: opens the database (migrations, first accounts) so the
// first sign-in is not slow, and so a configuration mistake (e.g. no DASHBOARD_SECRET) is
// reported in the server log at once, in words, rather than on the first request only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: the client's socket address for the sign-in throttle (lib/auth).
  (await import("@/lib/auth/peer-address")).installPeerAddressStamp();
  // One JSON log line and one metrics sample per request, with its id (lib/observability).
  (await import("@/lib/observability/http-hook")).installRequestObserver();
  const { log } = await import("@/lib/observability/logger");
  // A request head over Node's 16 KiB answered in words, not a bare 431 (lib/http).
  (await import("@/lib/http/header-overflow")).installHeaderOverflowAnswer();
  const { getDb } = await import("@/lib/db");
  const { describeStartupError } = await import("@/lib/auth/startup-error");
  try {
    await getDb();
  } catch (err) {
    log().error(`The dashboard cannot start its accounts database: ${describeStartupError(err)}`);
  }
  // The local mirror's syncer (lib/mirror), unless DASHBOARD_SYNC=0. It retries on its own if
  // the database or the API is not ready yet.
  try {
    (await import("@/lib/mirror/scheduler")).startSyncScheduler();
  } catch (err) {
    log().error(
      `The local copy's sync cannot start: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
