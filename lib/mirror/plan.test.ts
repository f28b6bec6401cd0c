import { describe, expect, it } from "vitest";
import {
  coverageOf,
  coveredUntil,
  effectiveSinceDay,
  isFinalRead,
  planWindows,
  retentionCutDay,
  retryDelayMs,
  windowOf,
} from "./plan";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe("planWindows", () => {
  const now = at("2026-03-10T08:30:00Z");

  it("reads every day from the start to today, newest first", () => {
    const plan = planWindows({ now, sinceDay: "2026-03-07", known: [] });
    expect(plan.map((w) => w.day)).toEqual([
      "2026-03-10",
      "2026-03-09",
      "2026-03-08",
      "2026-03-07",
    ]);
    expect(plan[0]).toEqual({
      day: "2026-03-10",
      start: at("2026-03-10T00:00:00Z"),
      end: at("2026-03-11T00:00:00Z"),
    });
  });

  it("never reads a final window again, and reads again the ones that are not", () => {
    const plan = planWindows({
      now,
      sinceDay: "2026-03-07",
      known: [
        { day: "2026-03-07", final: true },
        { day: "2026-03-08", final: true },
        { day: "2026-03-09", final: false },
      ],
    });
    expect(plan.map((w) => w.day)).toEqual(["2026-03-10", "2026-03-09"]);
  });

  it("reads only today when the start is today", () => {
    expect(planWindows({ now, sinceDay: "2026-03-10", known: [] }).map((w) => w.day)).toEqual([
      "2026-03-10",
    ]);
  });
});

describe("isFinalRead", () => {
  const w = windowOf("2026-03-09");
  const lookback = 72 * HOUR;

  it("is final only for a read that began a whole lookback after the window's end", () => {
    expect(isFinalRead(w, w.end + lookback - 1, lookback)).toBe(false);
    expect(isFinalRead(w, w.end + lookback, lookback)).toBe(true);
  });

  it("with no lookback, any read after the end settles the window", () => {
    expect(isFinalRead(w, w.end - 1, 0)).toBe(false);
    expect(isFinalRead(w, w.end, 0)).toBe(true);
  });
});

describe("coveredUntil", () => {
  const w = windowOf("2026-03-09");
  it("is the read's start inside the window, the end after it", () => {
    expect(coveredUntil(w, w.start + HOUR)).toBe(w.start + HOUR);
    expect(coveredUntil(w, w.end + HOUR)).toBe(w.end);
  });
});

describe("coverageOf", () => {
  const day = (d: string, coveredTo?: number) => {
    const w = windowOf(d);
    return { start: w.start, end: w.end, coveredTo: coveredTo ?? w.end };
  };

  it("is null before anything was read", () => {
    expect(coverageOf([])).toBeNull();
  });

  it("runs back from the newest window while the windows follow each other", () => {
    const today = at("2026-03-10T08:00:00Z");
    const cov = coverageOf([day("2026-03-08"), day("2026-03-10", today), day("2026-03-09")]);
    expect(cov).toEqual({ from: at("2026-03-08T00:00:00Z"), to: today });
  });

  it("stops at a gap (a day not read yet)", () => {
    const cov = coverageOf([day("2026-03-07"), day("2026-03-09"), day("2026-03-10")]);
    expect(cov).toEqual({ from: at("2026-03-09T00:00:00Z"), to: at("2026-03-11T00:00:00Z") });
  });

  it("stops at an older window not read whole (it was today when last read)", () => {
    const partial = at("2026-03-09T23:59:00Z");
    const cov = coverageOf([day("2026-03-08"), day("2026-03-09", partial), day("2026-03-10")]);
    expect(cov).toEqual({ from: at("2026-03-10T00:00:00Z"), to: at("2026-03-11T00:00:00Z") });
  });
});

describe("effectiveSinceDay", () => {
  const now = at("2026-03-10T08:30:00Z");

  it("defaults to 90 days before today", () => {
    expect(effectiveSinceDay(now, undefined, undefined)).toBe("2025-12-10");
  });

  it("takes DASHBOARD_SYNC_SINCE, but never before the retention cut nor after today", () => {
    expect(effectiveSinceDay(now, "2025-01-01", undefined)).toBe("2025-01-01");
    expect(effectiveSinceDay(now, "2025-01-01", 30)).toBe("2026-02-08");
    expect(effectiveSinceDay(now, "2026-03-01", 30)).toBe("2026-03-01");
    expect(effectiveSinceDay(now, "2027-01-01", undefined)).toBe("2026-03-10");
  });

  it("the retention cut is a whole UTC day", () => {
    expect(retentionCutDay(now, 1)).toBe("2026-03-09");
    expect(retentionCutDay(now, undefined)).toBeNull();
  });
});

describe("retryDelayMs", () => {
  it("doubles after each failure, capped at 30 minutes", () => {
    expect(retryDelayMs(60_000, 0)).toBe(60_000);
    expect(retryDelayMs(60_000, 1)).toBe(120_000);
    expect(retryDelayMs(60_000, 3)).toBe(480_000);
    expect(retryDelayMs(60_000, 50)).toBe(30 * 60_000);
  });
});
