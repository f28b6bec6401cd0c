import "server-only";
import { getAuthEnv } from "@/lib/auth/env";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { MobivateConfig } from "@/lib/mobivate/config";
import { MobivateError } from "@/lib/mobivate/errors";
import { checkBaseUrl } from "./base-url";
import { DecryptError, maskSecret } from "./crypto";
import { readStoredMobivate, type StoredMobivate } from "./mobivate-key";

// Where the Mobivate key comes from: MOBIVATE_API_KEY in the environment first (it wins, and
// Settings says so), else the key an admin stored in Settings. The stored one is re-read at
// most every second, so a change reaches every instance at once without a restart.
const TTL_MS = 1_000;

type Cached = { at: number; value: StoredMobivate | null } | { at: number; error: unknown };
const KEY = Symbol.for("mobivate-dashboard.mobivate-config");
type WithCache = typeof globalThis & { [KEY]?: Cached };

async function storedConfig(): Promise<StoredMobivate | null> {
  const g = globalThis as WithCache;
  const hit = g[KEY];
  if (hit && Date.now() - hit.at < TTL_MS) {
    if ("error" in hit) throw hit.error;
    return hit.value;
  }
  try {
    const value = await readStoredMobivate(await getDb(), getAuthEnv().DASHBOARD_SECRET);
    g[KEY] = { at: Date.now(), value };
    return value;
  } catch (error) {
    g[KEY] = { at: Date.now(), error };
    throw error;
  }
}

/** Settings just changed here: the next call reads the database again. */
export function invalidateMobivateConfigCache(): void {
  (globalThis as WithCache)[KEY] = undefined;
}

/** Timeout and retry settings from the environment (lib/env), whatever the key's source. */
export function mobivateTuning() {
  const env = getEnv();
  // The back-off bounds are fixed: the environment tunes only the timeout and retries.
  return {
    timeoutMs: env.MOBIVATE_TIMEOUT_MS,
    maxRetries: env.MOBIVATE_MAX_RETRIES,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
  };
}

/**
 * The configuration for calls to Mobivate. Throws MobivateError("not-configured") when there
 * is no key, or the stored one cannot be decrypted (DASHBOARD_SECRET changed).
 */
export async function resolveMobivateConfig(): Promise<MobivateConfig> {
  const env = getEnv();
  if (env.MOBIVATE_API_KEY) {
    return {
      ...mobivateTuning(),
      baseUrl: env.MOBIVATE_API_BASE_URL,
      apiKey: env.MOBIVATE_API_KEY,
    };
  }
  let stored: StoredMobivate | null;
  try {
    stored = await storedConfig();
  } catch (err) {
    if (err instanceof DecryptError) {
      throw new MobivateError(
        "not-configured",
        "The stored API key cannot be decrypted (DASHBOARD_SECRET changed?): enter it again in Settings",
      );
    }
    throw err;
  }
  if (!stored) {
    throw new MobivateError(
      "not-configured",
      "No Mobivate API key: enter one in Settings or set MOBIVATE_API_KEY",
    );
  }
  // Checked again at call time: a URL stored before the rule existed (or written to the
  // database by hand) must not receive the key either.
  const checked = checkBaseUrl(stored.baseUrl);
  if (!checked.ok) {
    throw new MobivateError(
      "not-configured",
      `The base URL stored in Settings is refused: ${checked.reason} Enter it again in Settings`,
    );
  }
  return { ...mobivateTuning(), baseUrl: checked.url, apiKey: stored.apiKey };
}

/**
 * For pages that show "not connected yet" instead of data: false only when there is no key
 * (none set, none stored, or the stored one cannot be decrypted). Any other failure — the
 * database is down, say — is thrown: the page's error boundary shows it for what it is,
 * instead of telling an admin to enter a key that is already there.
 */
export async function isMobivateConfigured(): Promise<boolean> {
  if (getEnv().MOBIVATE_API_KEY) return true;
  try {
    return (await storedConfig()) !== null;
  } catch (err) {
    if (err instanceof DecryptError) return false;
    throw err;
  }
}

export type MobivateConfigStatus =
  | { source: "env"; baseUrl: string; maskedKey: string; stored: StoredSummary | null }
  | { source: "stored"; baseUrl: string; maskedKey: string; stored: StoredSummary }
  | { source: "none"; stored: null; undecryptable: boolean };

export interface StoredSummary {
  baseUrl: string;
  maskedKey: string;
  updatedAt: Date;
  updatedByEmail: string | null;
}

/** What Settings shows: where the key comes from, masked. Never the key itself. */
export async function mobivateConfigStatus(): Promise<MobivateConfigStatus> {
  const env = getEnv();
  let stored: StoredSummary | null = null;
  let undecryptable = false;
  try {
    const s = await readStoredMobivate(await getDb(), getAuthEnv().DASHBOARD_SECRET);
    if (s) {
      stored = {
        baseUrl: s.baseUrl,
        maskedKey: maskSecret(s.apiKey),
        updatedAt: s.updatedAt,
        updatedByEmail: s.updatedByEmail,
      };
    }
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    undecryptable = true;
  }
  if (env.MOBIVATE_API_KEY) {
    return {
      source: "env",
      baseUrl: env.MOBIVATE_API_BASE_URL,
      maskedKey: maskSecret(env.MOBIVATE_API_KEY),
      stored,
    };
  }
  if (stored)
    return { source: "stored", baseUrl: stored.baseUrl, maskedKey: stored.maskedKey, stored };
  return { source: "none", stored: null, undecryptable };
}
