import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";

// One structured logger (JSON lines on stdout; the demo pipes them through pino-pretty).
// What must never be logged is kept out at the source: call sites pass ids, counts, kinds and
// paths, never the API key, passwords, session tokens or message bodies. `redact` is the second
// line of defence for a field that slips in under one of these names anyway.

export const REDACTED_KEYS = [
  "apiKey",
  "key",
  "password",
  "token",
  "authorization",
  "cookie",
  "body",
  "text",
  "message_text",
] as const;

const REDACT_PATHS = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`]);

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL, checked by lib/env.ts; read here directly so a logger exists before env is valid. */
function levelFromEnv(): LogLevel {
  const v = process.env.LOG_LEVEL?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? "") ? (v as LogLevel) : "info";
}

export function createLogger(destination?: DestinationStream, level: LogLevel = levelFromEnv()) {
  return pino(
    {
      level,
      base: { app: "mobivate-dashboard" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const KEY = Symbol.for("mobivate-dashboard.logger");
type WithLogger = typeof globalThis & { [KEY]?: Logger };

/** The process's logger (shared by every bundle of the server). */
export function log(): Logger {
  const g = globalThis as WithLogger;
  g[KEY] ??= createLogger();
  return g[KEY];
}

/** Tests: send the process's log lines somewhere they can be read. Returns the restorer. */
export function swapLogger(logger: Logger): () => void {
  const g = globalThis as WithLogger;
  const before = g[KEY];
  g[KEY] = logger;
  return () => {
    g[KEY] = before;
  };
}
