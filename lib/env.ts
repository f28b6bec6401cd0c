import "server-only";
import { z } from "zod";

// Every environment variable the server reads, validated once. Values are read lazily
// (not at import time) so `next build` works without any configuration.
const envSchema = z.object({
  MOBIVATE_API_BASE_URL: z
    .string()
    .trim()
    .url("MOBIVATE_API_BASE_URL must be an absolute URL such as https://api.mobivatebulksms.com")
    .default("https://api.mobivatebulksms.com"),
  MOBIVATE_API_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  MOBIVATE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  MOBIVATE_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(4),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
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
