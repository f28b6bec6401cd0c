import { isNationalFormat, phoneKey } from "@/lib/phone/number";
import { createDayLocator } from "@/lib/report/day-locator";
import { isOutgoing, type SentAfterOptOut } from "./match";
import type { ComplianceDay, ComplianceQuery, ComplianceSummary } from "./types";
import type { Message } from "@/lib/mobivate/types";

// Pure: turns the checked messages and their matches into the report, page by page, so a
// range of a million messages never sits in memory (only the matches kept for the screen).

/** Rows sent to the browser; beyond this the page says so and the CSV has every row. */
export const REPORT_ROW_LIMIT = 5000;

export interface ComplianceCollector {
  /** One page: every message read (to count what was checked) and its matches. */
  add(messages: readonly Message[], matches: readonly SentAfterOptOut[]): void;
  result(optOuts: { count: number; from: string }): ComplianceSummary;
}

export function createComplianceCollector(
  query: ComplianceQuery,
  rowLimit = REPORT_ROW_LIMIT,
): ComplianceCollector {
  const locator = createDayLocator(query.from, query.to, query.tz);
  const days = new Map(
    locator.days.map((d) => [d, { messages: 0, checked: 0, numbers: new Set<string>() }]),
  );
  const dayBucket = (day: string) => {
    let b = days.get(day);
    if (!b) {
      b = { messages: 0, checked: 0, numbers: new Set<string>() };
      days.set(day, b);
    }
    return b;
  };
  const numbers = new Set<string>();
  let rows: SentAfterOptOut[] = [];
  let matches = 0;
  let checked = 0;
  let nationalFormat = 0;

  return {
    add(messages, found) {
      for (const m of messages) {
        if (!isOutgoing(m)) continue;
        checked += 1;
        if (isNationalFormat(m.recipient)) nationalFormat += 1;
        dayBucket(locator.dayOf(m.created)).checked += 1;
      }
      for (const row of found) {
        matches += 1;
        const key = phoneKey(row.message.recipient);
        numbers.add(key);
        const b = dayBucket(locator.dayOf(row.message.created));
        b.messages += 1;
        b.numbers.add(key);
        rows.push(row);
        // Keep the oldest rowLimit: trim now and then, not on every row.
        if (rows.length >= rowLimit * 2) rows = oldest(rows, rowLimit);
      }
    },

    result(optOuts) {
      const byDay: ComplianceDay[] = [...days]
        .map(([day, b]) => ({
          day,
          messages: b.messages,
          numbers: b.numbers.size,
          checked: b.checked,
        }))
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      return {
        query,
        rows: oldest(rows, rowLimit),
        rowLimit,
        matches,
        numbers: numbers.size,
        byDay,
        checked,
        nationalFormat,
        optOuts: optOuts.count,
        optOutsFrom: optOuts.from,
      };
    },
  };
}

/** Oldest first (then by id, for a stable order whatever order the API sent). */
export function compareRows(a: SentAfterOptOut, b: SentAfterOptOut): number {
  const d = a.message.created - b.message.created;
  if (d !== 0) return d;
  return a.message.id < b.message.id ? -1 : a.message.id > b.message.id ? 1 : 0;
}

function oldest(rows: SentAfterOptOut[], limit: number): SentAfterOptOut[] {
  return [...rows].sort(compareRows).slice(0, limit);
}
