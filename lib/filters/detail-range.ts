import { addDays, compareDays } from "@/lib/time/calendar";
import { dayOfInstant } from "@/lib/time/format";
import { todayInZone } from "@/lib/time/presets";
import { formatDayRangeText } from "@/lib/time/label";
import { timeZoneSchema } from "@/lib/time/schemas";
import { rangeSchema } from "./messages";

export interface DetailRange {
  from: string;
  to: string;
  tz: string;
  today: string;
}

const REPLY_WINDOW_DAYS = 7;

/**
 * The range searched for replies on a message's page: the one in the URL (as chosen on the
 * list), else the message's own day and the week after it (in the URL's zone, else UTC),
 * never past today.
 */
export function resolveDetailRange(
  sp: Record<string, string | string[] | undefined>,
  createdMs: number,
  nowMs: number = Date.now(),
): DetailRange {
  const one = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const parsed = rangeSchema.safeParse({ from: one("from"), to: one("to"), tz: one("tz") });
  if (parsed.success) return { ...parsed.data, today: todayInZone(parsed.data.tz, nowMs) };
  const tzParsed = timeZoneSchema.safeParse(one("tz"));
  const tz = tzParsed.success ? tzParsed.data : "UTC";
  const today = todayInZone(tz, nowMs);
  const from = dayOfInstant(createdMs, tz);
  const end = addDays(from, REPLY_WINDOW_DAYS);
  return { from, to: compareDays(end, today) > 0 ? today : end, tz, today };
}

export function formatDayRangeLabel(r: Pick<DetailRange, "from" | "to" | "tz">): string {
  return formatDayRangeText(r.from, r.to, r.tz);
}
