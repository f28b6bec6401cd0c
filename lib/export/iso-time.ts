import { civilFromDays } from "@/lib/time/civil";
import { formatOffset, offsetMsAt } from "@/lib/time/zones";

// ISO 8601 timestamps for a million CSV rows. formatInZone (lib/time) asks the time-zone
// database (Intl) for every instant and builds Date objects, which inside Next's server
// are wrapped by a slower Date; together they were the largest single cost of an export.
// Records come in time order, so the offset is looked up once per quarter hour of data,
// and the calendar fields are computed with integer arithmetic. The output is identical to
// formatInZone(ms, tz, "iso") (see iso-time.test.ts).

const BUCKET_MS = 15 * 60_000;
const MS_PER_DAY = 86_400_000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A CSV cell of an instant (createIsoFormatter), or null for none. One per column. */
export function createIsoCell(tz: string): (ms: number | null) => string | null {
  const format = createIsoFormatter(tz);
  return (ms) => (ms === null ? null : format(ms));
}

/**
 * A formatter `ms → "2023-07-01T11:10:34+10:00"` for one zone. The offset found for a
 * quarter hour is reused only when the offsets at both of its ends agree (no change of
 * offset inside it: zones never change twice within 15 minutes); otherwise the instant is
 * looked up on its own.
 */
export function createIsoFormatter(tz: string): (ms: number) => string {
  let bucket = Number.NaN;
  let bucketOffset: number | null = null; // null: the offset changes inside this bucket
  const offsetAt = (ms: number): number => {
    const b = Math.floor(ms / BUCKET_MS);
    if (b !== bucket) {
      bucket = b;
      const first = offsetMsAt(tz, b * BUCKET_MS);
      const last = offsetMsAt(tz, (b + 1) * BUCKET_MS - 1);
      bucketOffset = first === last ? first : null;
    }
    return bucketOffset ?? offsetMsAt(tz, ms);
  };
  const offsetTexts = new Map<number, string>();

  return (ms: number): string => {
    // Whole seconds, floored like formatInZone, so a time never rounds into the next day.
    const seconds = Math.floor(ms / 1000);
    const offset = offsetAt(seconds * 1000);
    let offsetText = offsetTexts.get(offset);
    if (offsetText === undefined) {
      offsetText = formatOffset(offset, true);
      offsetTexts.set(offset, offsetText);
    }
    const local = seconds * 1000 + offset;
    const days = Math.floor(local / MS_PER_DAY);
    const secOfDay = (local - days * MS_PER_DAY) / 1000;
    const { year: y, month: m, day: d } = civilFromDays(days);
    const hh = Math.floor(secOfDay / 3600);
    const mm = Math.floor((secOfDay % 3600) / 60);
    const ss = secOfDay % 60;
    return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${offsetText}`;
  };
}
