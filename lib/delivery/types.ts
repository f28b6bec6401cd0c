// Shapes of the Delivery health report, shared by server and browser (JSON values only).

import type { Direction } from "@/lib/mobivate/types";
import type { ReadInfo } from "@/lib/report/protocol";
import type { DeliveryOutcome, OutcomeCounts } from "./status-class";

export interface DeliveryQuery {
  from: string;
  to: string;
  tz: string;
  direction: Direction;
}

export interface DeliveryCounts extends OutcomeCounts {
  messages: number;
}

export interface DeliveryDay extends DeliveryCounts {
  day: string;
}

export interface StatusCount {
  status: string;
  outcome: DeliveryOutcome;
  messages: number;
}

export interface RouteCounts extends DeliveryCounts {
  /** Route id; null = messages without a route. */
  route: string | null;
}

export interface DeliverySummary {
  query: DeliveryQuery;
  totals: DeliveryCounts;
  /** Every day of the range in the zone, zero-filled, in order. */
  byDay: DeliveryDay[];
  /** Every status seen, most messages first. */
  byStatus: StatusCount[];
  /** Every route seen, most failures first. */
  byRoute: RouteCounts[];
}

export interface DeliveryResult {
  summary: DeliverySummary;
  read: ReadInfo;
}
