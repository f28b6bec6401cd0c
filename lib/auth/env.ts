import "server-only";
import { z } from "zod";

// Environment of the accounts/storage layer, validated on first use (not at import time, so
// `next build` needs no configuration). Kept apart from lib/env.ts on purpose: the Mobivate
// settings there are per request, these decide how the server starts.

/** Used only in demo mode when DASHBOARD_SECRET is unset; never for real data. */
export const DEMO_SECRET = "mobivate-dashboard-demo-secret-not-for-production-use";
export const DEFAULT_DEMO_PASSWORD = "demo-password-change-me";
export const MIN_PASSWORD_LENGTH = 12;

const flag = z
  .string()
  .trim()
  .optional()
  .transform((v) => v === "1" || v?.toLowerCase() === "true");
/** A yes/no setting where a typo must not silently mean either: 1/true or 0/false, else an error. */
const strictFlag = (name: string, meaning: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => !v || ["1", "true", "0", "false"].includes(v), {
      message: `${name} must be 1 (${meaning}) or 0`,
    })
    .transform((v) => v === "1" || v === "true");
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z
  .object({
    DASHBOARD_DEMO: flag,
    DATABASE_URL: optionalText,
    DASHBOARD_DATA_DIR: z.string().trim().min(1).default("./data"),
    DASHBOARD_SECRET: optionalText.pipe(
      z
        .string()
        .min(32, "DASHBOARD_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)")
        .optional(),
    ),
    DASHBOARD_ADMIN_EMAIL: optionalText.pipe(
      z.email("DASHBOARD_ADMIN_EMAIL must be an email address").optional(),
    ),
    DASHBOARD_ADMIN_PASSWORD: optionalText.pipe(
      z
        .string()
        .min(
          MIN_PASSWORD_LENGTH,
          `DASHBOARD_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`,
        )
        .optional(),
    ),
    DASHBOARD_DEMO_PASSWORD: optionalText.pipe(
      z
        .string()
        .min(
          MIN_PASSWORD_LENGTH,
          `DASHBOARD_DEMO_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`,
        )
        .optional(),
    ),
    DASHBOARD_SESSION_TTL_HOURS: z.coerce
      .number()
      .min(0.05)
      .max(24 * 30)
      .default(12),
    DASHBOARD_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    DASHBOARD_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
    DASHBOARD_LOGIN_WINDOW_MINUTES: z.coerce
      .number()
      .min(1)
      .max(24 * 60)
      .default(15),
    // Behind a reverse proxy that appends the client's address to X-Forwarded-For; without
    // one, the header is the client's own choice (lib/auth/request-info.ts clientIp).
    DASHBOARD_TRUST_PROXY: strictFlag(
      "DASHBOARD_TRUST_PROXY",
      "a reverse proxy in front sets X-Forwarded-For",
    ),
    DASHBOARD_AUDIT_RETENTION_DAYS: z.coerce
      .number({ message: "DASHBOARD_AUDIT_RETENTION_DAYS must be a whole number of days" })
      .int("DASHBOARD_AUDIT_RETENTION_DAYS must be a whole number of days")
      .min(1, "DASHBOARD_AUDIT_RETENTION_DAYS must be at least 1")
      .max(36_500, "DASHBOARD_AUDIT_RETENTION_DAYS can be at most 36500 (100 years)")
      .default(400),
  })
  .superRefine((env, ctx) => {
    if (!env.DASHBOARD_DEMO && !env.DASHBOARD_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["DASHBOARD_SECRET"],
        message:
          "DASHBOARD_SECRET is required (at least 32 random characters, e.g. `openssl rand -hex 32`); it encrypts the stored API key",
      });
    }
    if (Boolean(env.DASHBOARD_ADMIN_EMAIL) !== Boolean(env.DASHBOARD_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: "custom",
        path: ["DASHBOARD_ADMIN_PASSWORD"],
        message: "Set both DASHBOARD_ADMIN_EMAIL and DASHBOARD_ADMIN_PASSWORD, or neither",
      });
    }
  });

type Parsed = z.infer<typeof schema>;
export interface AuthEnv extends Omit<Parsed, "DASHBOARD_SECRET"> {
  /** The configured secret, or the fixed demo one in demo mode. */
  DASHBOARD_SECRET: string;
}

/** A configuration the server cannot start with; the message says what to set. */
export class AuthConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid dashboard configuration: ${issues.join("; ")}`);
    this.name = "AuthConfigError";
  }
}

let cached: AuthEnv | undefined;

export function getAuthEnv(): AuthEnv {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new AuthConfigError(parsed.error.issues.map((i) => i.message));
  }
  cached = { ...parsed.data, DASHBOARD_SECRET: parsed.data.DASHBOARD_SECRET ?? DEMO_SECRET };
  return cached;
}

/** Tests change the environment between cases. */
export function resetAuthEnvForTests(): void {
  cached = undefined;
}

/** Throttling, session lifetime and audit retention, from the environment. */
export function authSettings(env = getAuthEnv()) {
  return {
    ttlMs: env.DASHBOARD_SESSION_TTL_HOURS * 3_600_000,
    limits: {
      maxPerAccount: env.DASHBOARD_LOGIN_MAX_FAILURES,
      maxPerIp: env.DASHBOARD_LOGIN_MAX_FAILURES_PER_IP,
      windowMs: env.DASHBOARD_LOGIN_WINDOW_MINUTES * 60_000,
    },
    auditRetentionDays: env.DASHBOARD_AUDIT_RETENTION_DAYS,
  };
}
