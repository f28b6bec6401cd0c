// Options that can change while the sandbox runs (POST /__sandbox/options, handle.setOptions).

export const DEFAULT_SANDBOX_API_KEY = "5a4c0ffe-0000-4000-8000-5a4db0c5e001";

export interface RuntimeOptions {
  /** Bearer key the API accepts (also accepted as ?api_key=). */
  apiKey: string;
  /** Delay added to every API response, in ms. */
  latencyMs: number;
  /** Extra random delay in [0, latencyJitterMs) per response. */
  latencyJitterMs: number;
  /** Fraction (0..1) of API requests answered with a fault status instead. */
  faultRate: number;
  /** Statuses random faults are drawn from (uniformly). Default 429, 429, 500, 502, 503. */
  faultStatuses: number[];
  /** Fraction (0..1) of API responses delayed by an extra `slowMs`. */
  slowRate: number;
  slowMs: number;
  /** Seed for the fault/latency random sequence (setting it restarts the sequence). */
  faultSeed: number;
}

export const DEFAULT_RUNTIME_OPTIONS: RuntimeOptions = {
  apiKey: DEFAULT_SANDBOX_API_KEY,
  latencyMs: 0,
  latencyJitterMs: 0,
  faultRate: 0,
  // 429 twice: rate limiting is the fault a bulk client meets most.
  faultStatuses: [429, 429, 500, 502, 503],
  slowRate: 0,
  slowMs: 2000,
  faultSeed: 1,
};

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const nonNegative = (v: unknown): v is number =>
  typeof v === "number" && Number.isFinite(v) && v >= 0;
const fraction = (v: unknown): v is number => nonNegative(v) && v <= 1;
export const isErrorStatus = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 400 && (v as number) <= 599;

/** Validates a partial options object (unknown keys are rejected to catch typos). */
export function validateRuntimeOptions(input: unknown): ValidationResult<Partial<RuntimeOptions>> {
  if (!isObject(input)) return { ok: false, message: "options must be a JSON object" };
  const out: Partial<RuntimeOptions> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    switch (key) {
      case "apiKey":
        if (typeof value !== "string" || value === "") {
          return { ok: false, message: "apiKey must be a non-empty string" };
        }
        out.apiKey = value;
        break;
      case "latencyMs":
      case "latencyJitterMs":
      case "slowMs":
        if (!nonNegative(value)) return { ok: false, message: `${key} must be a number >= 0` };
        out[key] = value;
        break;
      case "faultRate":
      case "slowRate":
        if (!fraction(value)) return { ok: false, message: `${key} must be between 0 and 1` };
        out[key] = value;
        break;
      case "faultSeed":
        if (!Number.isInteger(value)) return { ok: false, message: "faultSeed must be an integer" };
        out.faultSeed = value as number;
        break;
      case "faultStatuses":
        if (!Array.isArray(value) || value.length === 0 || !value.every(isErrorStatus)) {
          return { ok: false, message: "faultStatuses must be a non-empty list of 400..599" };
        }
        out.faultStatuses = [...(value as number[])];
        break;
      default:
        return { ok: false, message: `Unknown option: ${key}` };
    }
  }
  return { ok: true, value: out };
}
