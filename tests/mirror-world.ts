import { expect } from "vitest";
import type { DbHandle } from "@/lib/db";
import { runSyncCycle } from "@/lib/mirror/sync";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { DEFAULT_SANDBOX_API_KEY, type SandboxHandle } from "@/sandbox/server";

// What the local copy's tests share: the API client's settings for a test sandbox (no retries,
// short delays) and one whole sync cycle of it into a test database, checked to have ended.

export const HOUR = 3_600_000;

export function sandboxConfig(sb: SandboxHandle): MobivateConfig {
  return {
    baseUrl: sb.url,
    apiKey: DEFAULT_SANDBOX_API_KEY,
    timeoutMs: 5_000,
    maxRetries: 0,
    baseDelayMs: 5,
    maxDelayMs: 20,
  };
}

/**
 * One sync cycle from `since` (a UTC day) up to `now`, with a 72-hour lookback, three windows
 * at a time and message text kept; fails the test unless it ends "done".
 */
export async function syncSandbox(
  handle: DbHandle,
  sb: SandboxHandle,
  opts: { now: number; since: string; pageSize?: number },
): Promise<void> {
  const outcome = await runSyncCycle({
    handle,
    cfg: sandboxConfig(sb),
    now: () => opts.now,
    pageSize: opts.pageSize ?? 500,
    settings: {
      since: opts.since,
      intervalMs: 60_000,
      lookbackMs: 72 * HOUR,
      concurrency: 3,
      bodies: true,
      retentionDays: undefined,
    },
  });
  expect(outcome).toMatchObject({ outcome: "done" });
}
