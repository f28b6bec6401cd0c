import "server-only";
import { getEnv } from "@/lib/env";
import { MobivateError } from "./errors";

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

/** Reads the server configuration. Throws a `not-configured` MobivateError without a key. */
export function getMobivateConfig(): MobivateConfig {
  const env = getEnv();
  if (!env.MOBIVATE_API_KEY) {
    throw new MobivateError("not-configured", "MOBIVATE_API_KEY is not set");
  }
  return {
    baseUrl: env.MOBIVATE_API_BASE_URL,
    apiKey: env.MOBIVATE_API_KEY,
    timeoutMs: env.MOBIVATE_TIMEOUT_MS,
    maxRetries: env.MOBIVATE_MAX_RETRIES,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
  };
}

export function isApiKeyConfigured(): boolean {
  return Boolean(getEnv().MOBIVATE_API_KEY);
}
