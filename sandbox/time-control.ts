// Control bodies for the clock and for upstream opt-out changes (POST /__sandbox/clock,
// POST /__sandbox/optouts/add|remove), validated with zod; the first problem is answered as
// a 400 in words ("advanceMs: must be an integer number of milliseconds").
import { z } from "zod";
import type { ClockControl, ClockState } from "./clock";
import { normalizeMobile } from "./optouts";

const BODY_WORDS = "the body must be a JSON object";

const instant = z
  .union([z.number(), z.string()], {
    error: "must be an ISO instant (2023-01-05T00:00:00Z) or epoch milliseconds",
  })
  .transform((value, ctx) => {
    const ms = typeof value === "number" ? value : Date.parse(value);
    // Date.parse accepts odd shapes; insist on a date with a time and a zone, or a date.
    const shaped =
      typeof value === "number" ||
      /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/.test(value);
    if (!shaped || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
      ctx.addIssue({
        code: "custom",
        message: "must be an ISO instant (2023-01-05T00:00:00Z) or epoch milliseconds",
      });
      return z.NEVER;
    }
    return Math.floor(ms);
  });

const MS_WORDS = "must be an integer number of milliseconds";
const integerMs = () => z.number({ error: MS_WORDS }).int({ error: MS_WORDS });

export const clockBodySchema = z
  .strictObject(
    {
      now: instant.optional(),
      advanceMs: integerMs().optional(),
      mode: z
        .enum(["fixed", "set", "real"], { error: 'must be "fixed", "set" or "real"' })
        .optional(),
      offsetMs: integerMs().optional(),
      reset: z.literal(true, { error: "must be true" }).optional(),
    },
    { error: (issue) => (issue.code === "invalid_type" ? BODY_WORDS : undefined) },
  )
  .superRefine((body, ctx) => {
    const actions = [
      body.now !== undefined || body.mode === "set",
      body.advanceMs !== undefined,
      body.mode === "real" || body.mode === "fixed",
      body.reset === true,
    ].filter(Boolean).length;
    const problem =
      actions !== 1
        ? 'give exactly one of {"now"}, {"advanceMs"}, {"mode":"real","offsetMs"?}, {"mode":"fixed"} or {"reset":true}'
        : body.mode === "set" && body.now === undefined
          ? 'mode "set" needs "now"'
          : body.offsetMs !== undefined && body.mode !== "real"
            ? 'offsetMs goes with {"mode":"real"}'
            : body.now !== undefined && body.mode !== undefined && body.mode !== "set"
              ? `"now" cannot go with mode "${body.mode}"`
              : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export type ClockBody = z.infer<typeof clockBodySchema>;

const mobile = z.string({ error: "Invalid mobile number" }).transform((value, ctx) => {
  const digits = normalizeMobile(value);
  if (digits === null) {
    ctx.addIssue({ code: "custom", message: "Invalid mobile number" });
    return z.NEVER;
  }
  return digits;
});

const objectOnly = {
  error: (issue: { code: string }) => (issue.code === "invalid_type" ? BODY_WORDS : undefined),
};

export const optoutRemoveSchema = z.strictObject(
  {
    mobile,
    /** When the removal happens upstream (default: the clock's now). */
    at: instant.optional(),
  },
  objectOnly,
);

export const optoutAddSchema = z.strictObject(
  {
    mobile,
    note: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).optional(),
    /** When the opt-out is created upstream (default: the clock's now). */
    at: instant.optional(),
  },
  objectOnly,
);

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Validates with a schema; the first issue becomes "path: message" (or just the message). */
export function parseControlBody<T>(schema: z.ZodType<T>, body: unknown): ParseResult<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join(".") ?? "";
  const message = issue?.message ?? "invalid body";
  return {
    ok: false,
    message: path && !message.startsWith(path) ? `${path}: ${message}` : message,
  };
}

/** Runs one validated clock command; throws RangeError (e.g. advancing a fixed clock). */
export function applyClockBody(clock: ClockControl, body: ClockBody): ClockState {
  if (body.reset) return clock.reset();
  if (body.mode === "fixed") return clock.fix();
  if (body.mode === "real") return clock.real(body.offsetMs);
  if (body.advanceMs !== undefined) return clock.advance(body.advanceMs);
  if (body.now !== undefined) return clock.set(body.now);
  return clock.state();
}
