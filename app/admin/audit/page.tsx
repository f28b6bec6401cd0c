import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/action-names";
import {
  auditInstants,
  auditSearch,
  describeAuditQueryError,
  parseAuditQuery,
} from "@/lib/audit/filters";
import { listAudit } from "@/lib/audit/store";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { getDb } from "@/lib/db";
import { formatInZone } from "@/lib/time/format";
import { ScrollBox } from "@/components/ui/scroll-box";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

const OUTCOME_CLASS: Record<string, string> = {
  success: "text-green-800",
  failure: "text-red-800",
  denied: "text-amber-800",
};

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requirePage(PAGES.audit);
  const parsed = parseAuditQuery(await searchParams);
  if (!parsed.success) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <AuditFilters query={{}} />
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {describeAuditQueryError(parsed.error)}{" "}
          <Link href="/admin/audit" className="underline">
            Clear the filters
          </Link>
        </p>
      </div>
    );
  }
  const q = parsed.data;
  const { from, to } = auditInstants(q);
  const { rows, total } = await listAudit(
    await getDb(),
    { action: q.action, actor: q.actor, from, to },
    { page: q.page, pageSize: q.pageSize },
  );
  const pages = Math.max(1, Math.ceil(total / q.pageSize));
  const link = (page: number) => `/admin/audit?${auditSearch(q, { page })}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <a
          href={`/api/admin/audit?${auditSearch(q, { page: "", pageSize: "" })}`}
          className="ml-auto rounded-md bg-white px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Download CSV
        </a>
      </div>
      <AuditFilters query={q} />
      <p className="text-sm text-slate-600" role="status">
        {total === 0
          ? "No entries match."
          : `${total} ${total === 1 ? "entry" : "entries"}, page ${q.page} of ${pages}. Times in ${q.tz}.`}
      </p>
      <ScrollBox className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit log entries, newest first</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              {["When", "Who", "Action", "Target", "Outcome", "Address", "Details"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 align-top">
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  {formatInZone(r.at.getTime(), q.tz)}
                </td>
                <td className="px-3 py-2">
                  {r.actorEmail ?? <span className="text-slate-500">system</span>}
                </td>
                <td className="px-3 py-2">
                  {isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : r.action}
                </td>
                <td className="px-3 py-2 break-all">{r.target}</td>
                <td className={`px-3 py-2 font-medium ${OUTCOME_CLASS[r.outcome] ?? ""}`}>
                  {r.outcome}
                </td>
                <td className="px-3 py-2 tabular-nums">{r.ip}</td>
                <td className="max-w-md px-3 py-2 font-mono text-xs break-all">
                  {JSON.stringify(r.details)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <nav aria-label="Audit log pages" className="flex gap-2">
        {q.page > 1 && (
          <Link
            href={link(q.page - 1)}
            className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300"
          >
            Previous
          </Link>
        )}
        {q.page < pages && (
          <Link
            href={link(q.page + 1)}
            className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300"
          >
            Next
          </Link>
        )}
      </nav>
    </div>
  );
}
