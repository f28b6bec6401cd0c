import { ReportTable } from "@/components/report/report-table";
import type { CurrencyTotal } from "@/lib/spend/types";
import { formatMoney } from "@/lib/spend/format";

export const NO_COST_LABEL = "No cost";

/** The no-cost row's cost: only worth a number when some cost came without a currency. */
function noCostText(cost: string | null): string {
  if (cost === null || /^0(?:\.0+)?$/.test(cost)) return "—";
  return `${formatMoney(cost)} (currency unknown)`;
}

/** One row per currency (never added together), then the records without cost or currency. */
export function TotalsTable({ totals }: { totals: readonly CurrencyTotal[] }) {
  const none = totals.find((t) => t.currency === null);
  return (
    <ReportTable
      caption="Totals by currency"
      columns={[
        { header: "Currency", cell: (t) => t.currency ?? NO_COST_LABEL, className: "font-medium" },
        { header: "Messages", count: (t) => t.messages },
        { header: "Parts", count: (t) => t.parts },
        {
          header: "Cost",
          numeric: true,
          cell: (t) => (t.currency === null ? noCostText(t.cost) : formatMoney(t.cost ?? "0")),
        },
      ]}
      rows={totals}
      rowKey={(t) => t.currency ?? ""}
      rowData={(t) => ({ "data-currency": t.currency ?? "none" })}
      testId="totals-table"
    >
      {none && (
        <p className="text-sm text-slate-700">
          <strong>{NO_COST_LABEL}</strong>: messages that came without a cost or without a currency
          (incoming messages usually have neither). They are counted, but no currency total includes
          them.
        </p>
      )}
    </ReportTable>
  );
}
