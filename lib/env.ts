import "server-only";
import { isSupportedCountry } from "libphonenumber-js/min";
import { z } from "zod";
import { checkBaseUrl } from "@/lib/settings/base-url";

// Every environment variable the server reads, validated once. Values are read lazily
// (not at import time) so `next build` works without any configuration.
/** A yes/no setting where a typo must not silently mean either: 1/true or 0/false. */
const onOff = (name: string, fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => !v || ["1", "true", "0", "false"].includes(v), {
      message: `${name} must be 1 (on) or 0 (off)`,
    })
    .transform((v) => (v ? v === "1" || v === "true" : fallback));

const wholeNumber = (name: string, min: number, max: number) => {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const envSchema = z.object({
  // The same rule as Settings (lib/settings/base-url.ts), on purpose: https, or http to this
  // machine only (the sandbox). The server sends the API key there, so an operator's typo
  // must not reach a metadata service either.
  MOBIVATE_API_BASE_URL: z
    .string()
    .default("https://api.mobivatebulksms.com")
    .transform((v, ctx) => {
      const checked = checkBaseUrl(v);
      if (checked.ok) return checked.url;
      ctx.addIssue({ code: "custom", message: checked.reason });
      return z.NEVER;
    }),
  MOBIVATE_API_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  MOBIVATE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  MOBIVATE_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(4),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  // CSV downloads keep the server's thread busy: bounded per person and per process.
  DASHBOARD_EXPORTS_PER_USER: z.coerce
    .number({ error: "DASHBOARD_EXPORTS_PER_USER must be a whole number from 1 to 20" })
    .int("DASHBOARD_EXPORTS_PER_USER must be a whole number from 1 to 20")
    .min(1, "DASHBOARD_EXPORTS_PER_USER must be a whole number from 1 to 20")
    .max(20, "DASHBOARD_EXPORTS_PER_USER must be a whole number from 1 to 20")
    .default(2),
  DASHBOARD_EXPORTS_MAX: z.coerce
    .number({ error: "DASHBOARD_EXPORTS_MAX must be a whole number from 1 to 100" })
    .int("DASHBOARD_EXPORTS_MAX must be a whole number from 1 to 100")
    .min(1, "DASHBOARD_EXPORTS_MAX must be a whole number from 1 to 100")
    .max(100, "DASHBOARD_EXPORTS_MAX must be a whole number from 1 to 100")
    .default(4),
  // Country of national-format numbers typed into the opt-out form ("0412 345 678" with AU).
  // Unset: national numbers are refused and must be typed with their country code.
  DASHBOARD_DEFAULT_COUNTRY: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isSupportedCountry(v), {
      message:
        "DASHBOARD_DEFAULT_COUNTRY must be a two-letter country code such as AU, GB or US (or unset)",
    }),
  // The local mirror (lib/mirror): a copy of the messages and opt-outs kept in sync.
  DASHBOARD_SYNC: onOff("DASHBOARD_SYNC", true),
  /** First day copied (UTC); unset: 90 days before now. */
  DASHBOARD_SYNC_SINCE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(v), {
      message: "DASHBOARD_SYNC_SINCE must be a date, YYYY-MM-DD",
    })
    .refine((v) => v === undefined || !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), {
      message: "DASHBOARD_SYNC_SINCE must be a real date, YYYY-MM-DD",
    }),
  DASHBOARD_SYNC_INTERVAL_SECONDS: wholeNumber(
    "DASHBOARD_SYNC_INTERVAL_SECONDS",
    5,
    86_400,
  ).default(60),
  DASHBOARD_SYNC_LOOKBACK_HOURS: wholeNumber("DASHBOARD_SYNC_LOOKBACK_HOURS", 0, 2_160).default(72),
  DASHBOARD_SYNC_CONCURRENCY: wholeNumber("DASHBOARD_SYNC_CONCURRENCY", 1, 16).default(4),
  DASHBOARD_SYNC_BODIES: onOff("DASHBOARD_SYNC_BODIES", true),
  /** Unset: nothing is pruned. */
  DASHBOARD_SYNC_RETENTION_DAYS: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    wholeNumber("DASHBOARD_SYNC_RETENTION_DAYS", 1, 36_500).optional(),
  ),
  // Logs (lib/observability/logger.ts reads it directly too, so it logs before env is valid).
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine(
      (v) => !v || ["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(v),
      { message: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent" },
    ),
  // GET /api/metrics answers only with `Authorization: Bearer <this>`; unset: metrics are off.
  DASHBOARD_METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 16, {
      message: "DASHBOARD_METRICS_TOKEN must be at least 16 characters (or unset)",
    }),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration: ${issues.join("; ")}`);
    this.name = "EnvError";
  }
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}
