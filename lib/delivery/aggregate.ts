import { createDayLocator } from "@/lib/report/day-locator";
import type { Message } from "@/lib/mobivate/types";
import { deliveryOutcome } from "./status-class";
import type {
  DeliveryCounts,
  DeliveryQuery,
  DeliverySummary,
  RouteCounts,
  StatusCount,
} from "./types";

// Pure aggregation of messages into the Delivery health report, fed page by page so a range
// of a million messages never sits in memory; only the counts do.

type DeliveryRecord = Pick<Message, "created" | "status" | "routeId">;

const zero = (): DeliveryCounts => ({ messages: 0, delivered: 0, failed: 0, pending: 0 });

export interface DeliveryAggregator {
  add(messages: readonly DeliveryRecord[]): void;
  /**
   * `messages` records of one status already counted together (by the local copy's SQL):
   * on a day (they count in the totals, the day and the status), or on a route. The same
   * report as adding the records one by one when each is in one day group and one route group.
   */
  addCount(kind: "day" | "route", key: string | null, status: string, messages: number): void;
  result(): DeliverySummary;
}

export function createDeliveryAggregator(query: DeliveryQuery): DeliveryAggregator {
  const locator = createDayLocator(query.from, query.to, query.tz);
  const totals = zero();
  const byDay = new Map(locator.days.map((d) => [d, zero()]));
  const byStatus = new Map<string, number>();
  const byRoute = new Map<string | null, DeliveryCounts>();

  const count = (c: DeliveryCounts, outcome: ReturnType<typeof deliveryOutcome>, n = 1) => {
    c.messages += n;
    c[outcome] += n;
  };
  const entry = <K>(map: Map<K, DeliveryCounts>, key: K) => {
    let c = map.get(key);
    if (!c) {
      c = zero();
      map.set(key, c);
    }
    return c;
  };

  return {
    add(messages) {
      for (const m of messages) {
        const outcome = deliveryOutcome(m.status);
        count(totals, outcome);
        count(entry(byDay, locator.dayOf(m.created)), outcome);
        count(entry(byRoute, m.routeId), outcome);
        byStatus.set(m.status, (byStatus.get(m.status) ?? 0) + 1);
      }
    },

    addCount(kind, key, status, n) {
      const outcome = deliveryOutcome(status);
      if (kind === "route") {
        count(entry(byRoute, key), outcome, n);
        return;
      }
      count(totals, outcome, n);
      count(entry(byDay, key ?? ""), outcome, n);
      byStatus.set(status, (byStatus.get(status) ?? 0) + n);
    },

    result() {
      const statuses: StatusCount[] = [...byStatus]
        .map(([status, messages]) => ({ status, outcome: deliveryOutcome(status), messages }))
        .sort((a, b) => b.messages - a.messages || compareKeys(a.status, b.status));
      const routes: RouteCounts[] = [...byRoute]
        .map(([route, c]) => ({ route, ...c }))
        .sort(
          (a, b) => b.failed - a.failed || b.messages - a.messages || compareKeys(a.route, b.route),
        );
      return {
        query,
        totals: { ...totals },
        byDay: [...byDay]
          .map(([day, c]) => ({ day, ...c }))
          .sort((a, b) => compareKeys(a.day, b.day)),
        byStatus: statuses,
        byRoute: routes,
      };
    },
  };
}

/** Text by code points, null (no route) last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The whole report of a list of messages at once (tests, small ranges). */
export function aggregateDelivery(
  query: DeliveryQuery,
  messages: readonly DeliveryRecord[],
): DeliverySummary {
  const agg = createDeliveryAggregator(query);
  agg.add(messages);
  return agg.result();
}
