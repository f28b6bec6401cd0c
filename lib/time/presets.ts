import { addDays, assertDay, formatDay } from "./calendar";
import { TimeError } from "./errors";
import { dayOfInstant } from "./format";

export type PresetName = "today" | "yesterday" | "last7" | "last30" | "thisMonth" | "lastMonth";

export const PRESETS: readonly { name: PresetName; label: string }[] = [
  { name: "today", label: "Today" },
  { name: "yesterday", label: "Yesterday" },
  { name: "last7", label: "Last 7 days" },
  { name: "last30", label: "Last 30 days" },
  { name: "thisMonth", label: "This month" },
  { name: "lastMonth", label: "Last month" },
];

export interface DayRange {
  from: string;
  to: string;
}

/** Today's date in `tz`; `nowMs` exists so tests (and SSR/CSR agreement) can pin the clock. */
export function todayInZone(tz: string, nowMs: number = Date.now()): string {
  return dayOfInstant(nowMs, tz);
}

/** Inclusive day range for a named preset, with "today" taken in `tz`. */
export function presetRange(name: PresetName, tz: string, nowMs: number = Date.now()): DayRange {
  const today = todayInZone(tz, nowMs);
  const { year, month } = assertDay(today);
  switch (name) {
    case "today":
      return { from: today, to: today };
    case "yesterday": {
      const day = addDays(today, -1);
      return { from: day, to: day };
    }
    case "last7":
      return { from: addDays(today, -6), to: today };
    case "last30":
      return { from: addDays(today, -29), to: today };
    case "thisMonth":
      return { from: formatDay(year, month, 1), to: today };
    case "lastMonth": {
      const firstOfThisMonth = formatDay(year, month, 1);
      const to = addDays(firstOfThisMonth, -1);
      return { from: `${to.slice(0, 8)}01`, to };
    }
    default: {
      const unknown: never = name;
      throw new TimeError("INVALID_ARGUMENT", `Unknown preset ${JSON.stringify(unknown)}`);
    }
  }
}

export function isPresetName(value: unknown): value is PresetName {
  return PRESETS.some((p) => p.name === value);
}
