import type { Metadata } from "next";
import { SyncAutoRefresh, SyncNowButton, WipeMirrorForm } from "@/components/admin/sync-controls";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { getDb } from "@/lib/db";
import { formatAge } from "@/lib/mirror/answer-source";
import { syncSettings } from "@/lib/mirror/settings";
import type { SyncProgress } from "@/lib/mirror/state";
import { readSyncStatus } from "@/lib/mirror/status";
import { formatCount } from "@/lib/report/format";
import { formatInZone } from "@/lib/time/format";

export const metadata: Metadata = { title: "Sync" };
export const dynamic = "force-dynamic";

const STATE_WORDS = {
  idle: { text: "Up to date, waiting for the next sync", className: "bg-green-50 text-green-900" },
  running: { text: "Syncing now", className: "bg-blue-50 text-blue-900" },
  error: { text: "The last sync failed", className: "bg-red-50 text-red-900" },
  off: {
    text: "Turned off (DASHBOARD_SYNC=0): every page reads live from Mobivate",
    className: "bg-slate-100 text-slate-900",
  },
} as const;

const TZ = "UTC";
const when = (iso: string | null, now: number) =>
  iso
    ? `${formatInZone(Date.parse(iso), TZ)} UTC (${formatAge(now - Date.parse(iso))} ago)`
    : "never";

const PHASE_WORDS: Record<SyncProgress["phase"], string> = {
  backfill: "backfill",
  incremental: "incremental",
  indexing: "backfill done, building the number-search indexes",
};

export default async function SyncPage() {
  await requirePage(PAGES.sync);
  const status = await readSyncStatus(await getDb());
  const settings = syncSettings();
  const now = status.at;
  const words = STATE_WORDS[status.state];
  const progress = status.detail?.progress;
  const rows: [string, string][] = [
    [
      "Copied range",
      status.coveredFrom && status.coveredTo
        ? `${formatInZone(Date.parse(status.coveredFrom), TZ)} to ${formatInZone(Date.parse(status.coveredTo), TZ)} UTC`
        : "nothing yet",
    ],
    ["Messages in the copy", formatCount(status.messages)],
    ["Opt-outs in the copy", formatCount(status.optOuts)],
    ["Last successful sync", when(status.lastSuccessAt, now)],
    [
      "Last run",
      status.detail?.runStartedAt
        ? `${when(new Date(status.detail.runStartedAt).toISOString(), now)}${
            progress
              ? `: ${PHASE_WORDS[progress.phase]}, ${formatCount(progress.windowsDone)} of ${formatCount(progress.windowsTotal)} days, ${formatCount(progress.messagesRead)} messages read in ${formatCount(progress.pagesRead)} pages`
              : ""
          }`
        : "never",
    ],
    [
      "Next sync",
      status.state === "off"
        ? "—"
        : status.detail?.nextRunAt
          ? `${formatInZone(status.detail.nextRunAt, TZ)} UTC`
          : "as soon as the server starts it",
    ],
    [
      "Settings",
      `every ${settings.intervalMs / 1000} s; days from ${settings.since ?? "90 days ago"}; ` +
        `re-read for ${settings.lookbackMs / 3_600_000} h after each day; ` +
        `${settings.concurrency} requests at a time; message text ${settings.bodies ? "kept" : "not kept"}; ` +
        (settings.retentionDays ? `kept ${settings.retentionDays} days` : "kept without limit"),
    ],
  ];

  return (
    <div className="space-y-4">
      <SyncAutoRefresh running={status.state === "running"} />
      <h1 className="text-xl font-semibold">Sync</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        The dashboard keeps a local copy of the account&apos;s messages and opt-outs, so any range
        it holds is answered at once instead of re-reading Mobivate page by page. Recent days are
        read again on every sync to catch status changes.
      </p>
      <p
        role="status"
        data-testid="sync-state"
        data-state={status.state}
        className={`rounded-md p-3 text-sm font-medium ${words.className}`}
      >
        {words.text}.
      </p>
      {status.lastError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-900"
          data-testid="sync-error"
        >
          {status.lastError}
        </p>
      )}
      <dl className="grid max-w-4xl grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-600">{term}</dt>
            <dd
              className="text-slate-900"
              data-testid={`sync-${term.toLowerCase().replaceAll(" ", "-")}`}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <SyncNowButton enabled={status.state !== "off"} />
      <WipeMirrorForm />
    </div>
  );
}
