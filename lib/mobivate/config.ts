import "server-only";
import { isMobivateConfigured, resolveMobivateConfig } from "@/lib/settings/mobivate-config";

export interface MobivateConfig {
  baseUrl: string;
  apiKey: string;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Retries after the first attempt, on 429, 5xx, timeouts and network errors. */
  maxRetries: number;
  /** First back-off delay; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Upper bound for one back-off delay, including a server's Retry-After. */
  maxDelayMs: number;
}

/**
 * The configuration for API calls: MOBIVATE_API_KEY from the environment when set, else the
 * key an admin stored in Settings (re-read within a second of a change, on every instance).
 * Throws a `not-configured` MobivateError without a key.
 */
export async function getMobivateConfig(): Promise<MobivateConfig> {
  return resolveMobivateConfig();
}

export async function isApiKeyConfigured(): Promise<boolean> {
  return isMobivateConfigured();
}
