// Shapes of the "sent after opt-out" report. Shared by the server (collector, route
// handlers) and the browser (stream reader, components), so they hold only JSON values.

import type { ReadInfo } from "@/lib/report/protocol";
import type { SentAfterOptOut } from "./match";

export interface ComplianceQuery {
  from: string;
  to: string;
  tz: string;
}

export interface ComplianceDay {
  /** YYYY-MM-DD in the zone. */
  day: string;
  /** Outgoing messages sent to a number opted out at the time. */
  messages: number;
  /** Distinct numbers among them. */
  numbers: number;
  /** Outgoing messages of the day that were checked. */
  checked: number;
}

export interface ComplianceSummary {
  query: ComplianceQuery;
  /** The matches, oldest first; at most `rowLimit` of them (the CSV has all). */
  rows: SentAfterOptOut[];
  rowLimit: number;
  /** Every match of the range (may exceed rows.length). */
  matches: number;
  /** Distinct numbers messaged after opting out. */
  numbers: number;
  /** Every day of the range in the zone, zero-filled, in order. */
  byDay: ComplianceDay[];
  /** Outgoing messages read and checked. */
  checked: number;
  /** Outgoing messages addressed in national format (leading 0), which cannot be matched. */
  nationalFormat: number;
  /** Opt-outs read (the whole list up to the end of the range). */
  optOuts: number;
  /** The first day the opt-out list was read from (API date, UTC). */
  optOutsFrom: string;
}

export interface ComplianceReadInfo extends ReadInfo {
  /** Opt-out pages read (`pages` counts the message pages). */
  optOutPages: number;
}

export interface ComplianceResult {
  summary: ComplianceSummary;
  read: ComplianceReadInfo;
}

/** Progress while reading: first the opt-out list, then the messages. */
export interface ComplianceProgress {
  phase: "optouts" | "messages";
  optOuts: number;
  /** Messages read so far (and pages), for the shared progress display. */
  records: number;
  pages: number;
}
