import { describe, expect, it } from "vitest";
import { formatInZone } from "@/lib/time/format";
import { createIsoFormatter } from "./iso-time";

// The fast formatter must write exactly what formatInZone writes, including across
// daylight-saving changes, in zones with odd offsets, and for instants in any order.

const ZONES = [
  "UTC",
  "Australia/Sydney",
  "Australia/Lord_Howe", // 30-minute DST
  "America/New_York",
  "America/Santiago", // midnight DST changes
  "Asia/Kathmandu", // +05:45
  "Pacific/Chatham", // +12:45 / +13:45
  "Asia/Kolkata",
  "Europe/London",
  "America/St_Johns", // -03:30 with DST
  "Pacific/Apia", // skipped a whole day in 2011
];

// Around known offset changes, plus ordinary instants.
const ANCHORS = [
  Date.UTC(2023, 3, 1, 15, 59, 59), // Sydney DST ends 2023-04-02 03:00 local
  Date.UTC(2023, 9, 0, 16, 0, 0), // Sydney DST starts 2023-10-01
  Date.UTC(2023, 2, 12, 7, 0, 0), // New York DST starts
  Date.UTC(2023, 10, 5, 6, 0, 0), // New York DST ends
  Date.UTC(2023, 3, 2, 3, 0, 0), // Santiago
  Date.UTC(2011, 11, 29, 10, 0, 0), // Apia
  Date.UTC(2024, 1, 29, 23, 59, 59), // leap day
  Date.UTC(1999, 11, 31, 23, 59, 59),
  Date.UTC(2038, 0, 19, 3, 14, 8),
  0,
];

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("createIsoFormatter", () => {
  it.each(ZONES)("writes what formatInZone writes in %s", (tz) => {
    const random = lcg(tz.length * 7919);
    const format = createIsoFormatter(tz);
    const instants: number[] = [];
    for (const anchor of ANCHORS) {
      // A sweep across the anchor (ascending, as rows come) then scattered instants.
      for (let k = -40; k <= 40; k++) instants.push(anchor + k * 7 * 60_000 + 123);
      for (let k = 0; k < 50; k++) instants.push(anchor + Math.floor((random() - 0.5) * 4e9));
    }
    for (const ms of instants) expect(format(ms), String(ms)).toBe(formatInZone(ms, tz, "iso"));
  });

  it("floors sub-second instants, including before 1970", () => {
    const format = createIsoFormatter("Australia/Sydney");
    for (const ms of [999, -1, -999, -1001, 1_688_173_834_999]) {
      expect(format(ms)).toBe(formatInZone(ms, "Australia/Sydney", "iso"));
    }
  });
});
