import { CategoryChart } from "@/components/report/charts";
import { IdLabel } from "@/components/report/id-label";
import { ReportTable } from "@/components/report/report-table";
import { ReportSection, SideBySide } from "@/components/report/report-section";
import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import type { DeliveryOutcome } from "@/lib/delivery/status-class";
import type { RouteCounts, StatusCount } from "@/lib/delivery/types";
import type { ChartPoint } from "@/lib/report/chart-data";
import { formatCount } from "@/lib/report/format";
import { CountsTable } from "./counts-table";

const CHART_ITEMS = 10;
const ROUTE_LIMIT = 12;

const share = (n: number, of: number) => (of > 0 ? `${((n / of) * 100).toFixed(1)} %` : "—");
const routeName = (route: string | null) => route ?? "No route";

/** A category and its count, most first. */
interface CategoryValue {
  key: string;
  /** The category in full (the axis shortens long ones; the tooltip has it all). */
  label: string;
  value: number;
  text: string;
}

const FAILURES = { key: "failed", name: "Failures", color: "#b91c1c" } as const;

/** The failures by status or by route as bars, the top 10 of `items` (most first). */
function FailureChart({
  by,
  items,
  listed,
  most,
  testId,
}: {
  by: "status" | "route";
  items: readonly CategoryValue[];
  /** How many the table beside lists; the title says "top 10" when that is more. */
  listed: number;
  /** The description's words for the most frequent one. */
  most: (first: CategoryValue) => string;
  testId: string;
}) {
  const top = items.slice(0, CHART_ITEMS);
  const first = top[0];
  const points: ChartPoint[] = top.map((i) => ({
    key: i.key,
    label: i.label,
    values: { [FAILURES.key]: i.value },
    texts: { [FAILURES.key]: `${i.text} ${i.value === 1 ? "failure" : "failures"}` },
  }));
  return (
    <CategoryChart
      title={`Failures by ${by}${listed > CHART_ITEMS ? ` (top ${CHART_ITEMS})` : ""}`}
      description={`Bar chart of the failures by ${by}: ${first ? most(first) : "no failures"}.`}
      points={points}
      series={FAILURES}
      testId={testId}
    />
  );
}

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
    <ReportTable
      caption={caption}
      columns={[
        {
          header: "Status",
          cell: (r) => (
            <>
              <StatusBadge status={r.status} />{" "}
              <code className="ml-1 font-mono text-xs text-slate-700">{r.status}</code>
            </>
          ),
        },
        { header: "Messages", count: (r) => r.messages },
        { header: "Share", numeric: true, cell: (r) => share(r.messages, of) },
      ]}
      rows={rows}
      rowKey={(r) => r.status}
      rowData={(r) => ({ "data-status": r.status })}
      testId={testId}
      empty="None in this range."
    />
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
  return (
    <ReportSection id="delivery-by-status" title="Failures by status">
      <SideBySide>
        <FailureChart
          by="status"
          items={failures.map((s) => ({
            key: s.status,
            label: statusLabel(s.status),
            value: s.messages,
            text: formatCount(s.messages),
          }))}
          listed={failures.length}
          most={(f) => `${formatCount(failed)} failures, most often ${f.key} (${f.text})`}
          testId="failures-by-status-chart"
        />
        <StatusTable
          caption="Failures by status"
          rows={failures}
          of={failed}
          testId="failures-by-status"
        />
      </SideBySide>
      <SideBySide>
        <StatusTable
          caption="Pending by status (not in the rate)"
          rows={of("pending")}
          of={pending}
          testId="pending-by-status"
        />
      </SideBySide>
    </ReportSection>
  );
}

export function FailuresByRoute({ byRoute }: { byRoute: readonly RouteCounts[] }) {
  return (
    <ReportSection id="delivery-by-route" title="Failures by route">
      <SideBySide>
        <FailureChart
          by="route"
          items={byRoute
            .filter((r) => r.failed > 0)
            .map((r) => ({
              key: r.route ?? "",
              label: routeName(r.route),
              value: r.failed,
              text: formatCount(r.failed),
            }))}
          listed={byRoute.length}
          most={(f) => `most on ${f.label} (${f.text})`}
          testId="failures-by-route-chart"
        />
      </SideBySide>
      <CountsTable
        caption="Delivery by route, most failures first"
        keyHeader="Route"
        rows={byRoute.map((r) => ({
          ...r,
          key: r.route ?? "",
          label: <IdLabel id={r.route} none="No route" />,
        }))}
        limit={ROUTE_LIMIT}
        noun="routes"
        testId="delivery-by-route"
      />
    </ReportSection>
  );
}
