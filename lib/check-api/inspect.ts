import type { z } from "zod";
import { rawMessageSchema, rawOptOutSchema } from "@/lib/mobivate/schemas";
import { KNOWN_STATUSES } from "@/lib/mobivate/statuses";

// What `npm run check-api` learns from one page of real records: each record validated with
// the dashboard's own schemas (lib/mobivate/schemas.ts, the ones every read uses), and what
// those schemas accept without knowing it (fields they ignore or default, statuses outside
// the known list, date forms other than the documented one, the order of the page). Pure.

export type Order = "ascending" | "descending" | "unordered" | "too few records to tell";

export interface RecordsFindings {
  records: number;
  /** Records the dashboard cannot read (a page holding one fails as a whole in the app). */
  invalid: number;
  /** The first few of them, in words (field and reason; never the record's contents). */
  invalidExamples: string[];
  /** Fields the API sent that the dashboard ignores: name → records that had it. */
  extraFields: Record<string, number>;
  /** Fields the dashboard knows that were absent: name → records without it. */
  missingFields: Record<string, number>;
  /** Shapes of the date fields seen (e.g. `YYYY-MM-DDTHH:MM:SS±HHMM`) → count. */
  dateForms: Record<string, number>;
  /** Those shapes that are not the documented one (the dashboard may still read them). */
  unexpectedDateForms: Record<string, number>;
  /** Order of the page by `created`. */
  order: Order;
  /** Records whose `created` falls outside the range asked for. */
  outsideRange: number;
}

export interface MessageFindings extends RecordsFindings {
  /** Statuses not in lib/mobivate/statuses.ts → count (shown as they come in the app). */
  unknownStatuses: Record<string, number>;
  statuses: Record<string, number>;
  /** Directions other than MO/MT → count. */
  unknownDirections: Record<string, number>;
}

const DOCUMENTED_TIMESTAMP = "YYYY-MM-DDTHH:MM:SS±HHMM";
const EPOCH_MS = "epoch milliseconds (number)";
const MAX_EXAMPLES = 5;

type ObjectSchema = z.ZodObject<z.ZodRawShape>;
const fieldsOf = (schema: { in: ObjectSchema }) => Object.keys(schema.in.shape);
const MESSAGE_FIELDS = fieldsOf(rawMessageSchema as unknown as { in: ObjectSchema });
const OPTOUT_FIELDS = fieldsOf(rawOptOutSchema as unknown as { in: ObjectSchema });
const KNOWN = new Set<string>(KNOWN_STATUSES);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** The form of a timestamp text: digits become the letters of their place, e.g. `YYYY-MM-DD…`. */
export function timestampForm(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? EPOCH_MS : "number";
  if (typeof value !== "string") return value === null ? "null" : typeof value;
  const m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return `unrecognised text (${value.length} characters)`;
  const frac = m[1] ? `.${"S".repeat(m[1].length - 1)}` : "";
  const zone =
    m[2] === undefined ? "" : m[2] === "Z" ? "Z" : m[2].includes(":") ? "±HH:MM" : "±HHMM";
  return `YYYY-MM-DDTHH:MM:SS${frac}${zone}`;
}

function orderOf(times: number[]): Order {
  if (times.length < 2) return "too few records to tell";
  let up = true;
  let down = true;
  for (let i = 1; i < times.length; i += 1) {
    const a = times[i - 1]!;
    const b = times[i]!;
    if (b < a) up = false;
    if (b > a) down = false;
  }
  if (up) return "ascending";
  if (down) return "descending";
  return "unordered";
}

interface Range {
  startMs: number;
  endMs: number;
}

function inspect<T extends { created: number }>(
  payload: unknown,
  schema: z.ZodType<T>,
  known: readonly string[],
  dateFields: readonly string[],
  documentedForm: string,
  range: Range,
  each?: (raw: Record<string, unknown>, parsed: T | undefined) => void,
): RecordsFindings {
  const list = Array.isArray(payload) ? payload : [];
  const out: RecordsFindings = {
    records: list.length,
    invalid: 0,
    invalidExamples: [],
    extraFields: {},
    missingFields: {},
    dateForms: {},
    unexpectedDateForms: {},
    order: "too few records to tell",
    outsideRange: 0,
  };
  if (!Array.isArray(payload)) {
    out.invalid = 1;
    out.invalidExamples.push(
      `the answer is not a list (${isObject(payload) ? "an object" : typeof payload})`,
    );
    return out;
  }
  const times: number[] = [];
  list.forEach((raw, index) => {
    if (!isObject(raw)) {
      out.invalid += 1;
      if (out.invalidExamples.length < MAX_EXAMPLES)
        out.invalidExamples.push(`record ${index + 1}: not an object`);
      each?.({}, undefined);
      return;
    }
    for (const key of Object.keys(raw)) if (!known.includes(key)) bump(out.extraFields, key);
    for (const key of known) if (!(key in raw)) bump(out.missingFields, key);
    for (const key of dateFields) {
      if (raw[key] === undefined || raw[key] === null) continue;
      const form = timestampForm(raw[key]);
      bump(out.dateForms, `${key}: ${form}`);
      if (form !== documentedForm) bump(out.unexpectedDateForms, `${key}: ${form}`);
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      times.push(parsed.data.created);
      if (parsed.data.created < range.startMs || parsed.data.created >= range.endMs)
        out.outsideRange += 1;
    } else {
      out.invalid += 1;
      if (out.invalidExamples.length < MAX_EXAMPLES) {
        const issue = parsed.error.issues[0];
        // The path and zod's reason only: a custom message may quote the value, and values
        // are customers' data.
        const where = issue?.path.join(".") || "record";
        const why = issue?.code === "custom" ? "unreadable value" : (issue?.message ?? "invalid");
        out.invalidExamples.push(`record ${index + 1}: ${where}: ${why}`);
      }
    }
    each?.(raw, parsed.success ? parsed.data : undefined);
  });
  out.order = orderOf(times);
  return out;
}

export function inspectMessages(payload: unknown, range: Range): MessageFindings {
  const statuses: Record<string, number> = {};
  const unknownStatuses: Record<string, number> = {};
  const unknownDirections: Record<string, number> = {};
  const base = inspect(
    payload,
    rawMessageSchema,
    MESSAGE_FIELDS,
    ["created", "modified"],
    DOCUMENTED_TIMESTAMP,
    range,
    (raw) => {
      if (typeof raw.status === "string") {
        bump(statuses, raw.status);
        if (!KNOWN.has(raw.status)) bump(unknownStatuses, raw.status);
      }
      if (typeof raw.direction === "string" && raw.direction !== "MO" && raw.direction !== "MT")
        bump(unknownDirections, raw.direction);
    },
  );
  return { ...base, statuses, unknownStatuses, unknownDirections };
}

export function inspectOptOuts(payload: unknown, range: Range): RecordsFindings {
  return inspect(payload, rawOptOutSchema, OPTOUT_FIELDS, ["created"], EPOCH_MS, range);
}
