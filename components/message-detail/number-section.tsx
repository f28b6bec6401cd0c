import Link from "next/link";
import { SourceLabel } from "@/components/mirror/source-label";
import { StatusBadge } from "@/components/ui/status-badge";
import { numberFacts } from "@/lib/messages/detail";
import type { Message } from "@/lib/mobivate/types";
import { formatInZone } from "@/lib/time/format";

export const HISTORY_PAGE_SIZE = 25;

/**
 * The customer's number of a message: whether it is opted out (over all time: the whole
 * opt-out list is copied) and every message to or from it, newest first, paged by `hp` in
 * the URL. From the local copy only; with the copy turned off it says so.
 */
export async function NumberSection({
  number,
  tz,
  page,
  hrefFor,
  pageHref,
}: {
  number: string;
  tz: string;
  page: number;
  /** The link of a message of the history. */
  hrefFor: (id: string) => string;
  /** This page with the history at another page. */
  pageHref: (page: number) => string;
}) {
  const facts = await numberFacts(number, { page, pageSize: HISTORY_PAGE_SIZE });
  if (!facts.enabled) {
    return (
      <p className="text-sm text-slate-700" data-testid="number-history-off">
        Whether {number} opted out, and its history, come from the local copy, which is turned off
        (DASHBOARD_SYNC=0). Search the number on the Opt-outs and Messages pages instead.
      </p>
    );
  }
  const { optOut, history } = facts;
  const lastPage = Math.max(1, Math.ceil(history.total / HISTORY_PAGE_SIZE));
  const first = (page - 1) * HISTORY_PAGE_SIZE;
  return (
    <div className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="number-optout">
        <h3 className="text-sm font-semibold text-slate-700">Is {number} opted out?</h3>
        {optOut ? (
          <p className="mt-1 text-sm">
            <strong>Yes</strong>, since{" "}
            <time dateTime={new Date(optOut.created).toISOString()}>
              {formatInZone(optOut.created, tz, "display")} ({tz})
            </time>{" "}
            as {optOut.mobile}
            {optOut.note ? <>, with the note “{optOut.note}”</> : ", with no note"}.
          </p>
        ) : (
          <p className="mt-1 text-sm">
            <strong>No</strong>: the opt-out list holds no entry for this number (all time).
          </p>
        )}
        {facts.optOutsSyncedAt !== null && (
          <SourceLabel source={{ kind: "mirror", syncedTo: facts.optOutsSyncedAt }} />
        )}
      </div>

      <div className="space-y-2" data-testid="number-history">
        <h3 className="text-sm font-semibold text-slate-700">
          Every message to or from {number} ({history.total.toLocaleString("en")}, newest first)
        </h3>
        {facts.syncedTo !== null && (
          <SourceLabel source={{ kind: "mirror", syncedTo: facts.syncedTo }} />
        )}
        {history.rows.length === 0 ? (
          <p className="text-sm text-slate-700">
            {history.total === 0
              ? "The local copy holds no message to or from this number."
              : "No messages on this page."}
          </p>
        ) : (
          <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {history.rows.map((m) => (
              <HistoryRow key={m.id} m={m} tz={tz} href={hrefFor(m.id)} />
            ))}
          </ol>
        )}
        {history.total > HISTORY_PAGE_SIZE && (
          <nav aria-label="Number history pages" className="flex flex-wrap items-center gap-3">
            <span className="text-sm text-slate-700">
              {(first + 1).toLocaleString("en")}–
              {(first + history.rows.length).toLocaleString("en")} of{" "}
              {history.total.toLocaleString("en")}
            </span>
            {page > 1 && <PageLink href={pageHref(1)}>Newest</PageLink>}
            {page > 1 && <PageLink href={pageHref(page - 1)}>Newer</PageLink>}
            {page < lastPage && <PageLink href={pageHref(page + 1)}>Older</PageLink>}
            {page < lastPage && <PageLink href={pageHref(lastPage)}>Oldest</PageLink>}
          </nav>
        )}
      </div>
    </div>
  );
}

function PageLink({ href, children }: { href: string; children: string }) {
  return (
    <Link href={href} scroll={false} className="text-sm font-medium text-brand-700 underline">
      {children}
    </Link>
  );
}

function HistoryRow({ m, tz, href }: { m: Message; tz: string; href: string }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm">
      <Link href={href} className="font-medium text-brand-700 underline">
        <time dateTime={new Date(m.created).toISOString()} className="tabular-nums">
          {formatInZone(m.created, tz, "display")}
        </time>
        <span className="sr-only"> – open message</span>
      </Link>
      <span>{m.direction === "MO" ? "In" : "Out"}</span>
      <span className="tabular-nums">
        {m.originator} → {m.recipient}
      </span>
      <StatusBadge status={m.status} />
      <span className="min-w-0 flex-1 truncate text-slate-700" title={m.body}>
        {m.body}
      </span>
    </li>
  );
}
