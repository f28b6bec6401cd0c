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
 * What a call to Mobivate is given: the configuration itself, or a resolver called when the
 * first request is about to go out. The provider module never looks its configuration up
 * (where the key lives — environment, database — is lib/settings' business,
 * `resolveMobivateConfig`), so it depends on no storage, auth or settings code.
 */
export type MobivateConfigSource = MobivateConfig | (() => Promise<MobivateConfig>);

export async function configFrom(source: MobivateConfigSource): Promise<MobivateConfig> {
  return typeof source === "function" ? source() : source;
}
