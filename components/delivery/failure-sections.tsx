import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import { TD, TD_NUM, TH, TH_NUM } from "@/components/report/table-cells";
import type { DeliveryOutcome } from "@/lib/delivery/status-class";
import type { RouteCounts, StatusCount } from "@/lib/delivery/types";
import { formatCount } from "@/lib/report/format";
import { CategoryBarChart } from "./category-bar-chart";
import { CountsTable } from "./counts-table";

const CHART_ITEMS = 10;
const ROUTE_LIMIT = 12;

const share = (n: number, of: number) => (of > 0 ? `${((n / of) * 100).toFixed(1)} %` : "—");
const routeName = (route: string | null) => route ?? "No route";

function StatusTable({
  caption,
  rows,
  of,
  testId,
}: {
  caption: string;
  rows: readonly StatusCount[];
  of: number;
  testId: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="px-3 py-2 text-left text-base font-semibold text-slate-900">
          {caption}
        </caption>
        <thead className="border-y border-slate-200 bg-slate-50">
          <tr>
            <th scope="col" className={TH}>
              Status
            </th>
            <th scope="col" className={TH_NUM}>
              Messages
            </th>
            <th scope="col" className={TH_NUM}>
              Share
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.status} data-status={r.status}>
              <th scope="row" className={`${TD} text-left font-normal`}>
                <StatusBadge status={r.status} />{" "}
                <code className="ml-1 font-mono text-xs text-slate-700">{r.status}</code>
              </th>
              <td className={TD_NUM}>{formatCount(r.messages)}</td>
              <td className={TD_NUM}>{share(r.messages, of)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className={`${TD} text-slate-700`}>
                None in this range.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Failures by status (chart and table), then the pending statuses on their own. */
export function StatusSections({
  byStatus,
  failed,
  pending,
}: {
  byStatus: readonly StatusCount[];
  failed: number;
  pending: number;
}) {
  const of = (o: DeliveryOutcome) => byStatus.filter((s) => s.outcome === o);
  const failures = of("failed");
  const top = failures.slice(0, CHART_ITEMS);
  const description = top[0]
    ? `Bar chart of the failures by status: ${formatCount(failed)} failures, most often ${top[0].status} (${formatCount(top[0].messages)}).`
    : "Bar chart of the failures by status: no failures.";
  return (
    <section aria-labelledby="delivery-by-status" className="space-y-3">
      <h2 id="delivery-by-status" className="text-lg font-semibold">
        Failures by status
      </h2>
      <div className="grid items-start gap-3 xl:grid-cols-2">
        <CategoryBarChart
          title={`Failures by status${failures.length > CHART_ITEMS ? ` (top ${CHART_ITEMS})` : ""}`}
          description={description}
          items={top.map((s) => ({
            key: s.status,
            label: statusLabel(s.status),
            value: s.messages,
            text: formatCount(s.messages),
          }))}
          testId="failures-by-status-chart"
        />
        <StatusTable
          caption="Failures by status"
          rows={failures}
          of={failed}
          testId="failures-by-status"
        />
      </div>
      <div className="grid items-start gap-3 xl:grid-cols-2">
        <StatusTable
          caption="Pending by status (not in the rate)"
          rows={of("pending")}
          of={pending}
          testId="pending-by-status"
        />
      </div>
    </section>
  );
}

export function FailuresByRoute({ byRoute }: { byRoute: readonly RouteCounts[] }) {
  const top = byRoute.filter((r) => r.failed > 0).slice(0, CHART_ITEMS);
  const description = top[0]
    ? `Bar chart of the failures by route: most on ${routeName(top[0].route)} (${formatCount(top[0].failed)}).`
    : "Bar chart of the failures by route: no failures.";
  return (
    <section aria-labelledby="delivery-by-route" className="space-y-3">
      <h2 id="delivery-by-route" className="text-lg font-semibold">
        Failures by route
      </h2>
      <div className="grid items-start gap-3 xl:grid-cols-2">
        <CategoryBarChart
          title={`Failures by route${byRoute.length > CHART_ITEMS ? ` (top ${CHART_ITEMS})` : ""}`}
          description={description}
          items={top.map((r) => ({
            key: r.route ?? "",
            label: routeName(r.route),
            value: r.failed,
            text: formatCount(r.failed),
          }))}
          testId="failures-by-route-chart"
        />
      </div>
      <CountsTable
        caption="Delivery by route, most failures first"
        keyHeader="Route"
        rows={byRoute.map((r) => ({
          ...r,
          key: r.route ?? "",
          label:
            r.route === null ? (
              <span className="italic text-slate-700">No route</span>
            ) : (
              <code className="break-all font-mono text-xs">{r.route}</code>
            ),
        }))}
        limit={ROUTE_LIMIT}
        noun="routes"
        testId="delivery-by-route"
      />
    </section>
  );
}
