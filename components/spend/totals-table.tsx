import type { CurrencyTotal } from "@/lib/spend/types";
import { TD, TD_NUM, TH, TH_NUM } from "@/components/report/table-cells";
import { formatCount } from "@/lib/report/format";
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
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="totals-table">
          <caption className="px-3 py-2 text-left text-base font-semibold text-slate-900">
            Totals by currency
          </caption>
          <thead className="border-y border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={TH}>
                Currency
              </th>
              <th scope="col" className={TH_NUM}>
                Messages
              </th>
              <th scope="col" className={TH_NUM}>
                Parts
              </th>
              <th scope="col" className={TH_NUM}>
                Cost
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {totals.map((t) => (
              <tr key={t.currency ?? ""} data-currency={t.currency ?? "none"}>
                <th scope="row" className={`${TD} text-left font-medium`}>
                  {t.currency ?? NO_COST_LABEL}
                </th>
                <td className={TD_NUM}>{formatCount(t.messages)}</td>
                <td className={TD_NUM}>{formatCount(t.parts)}</td>
                <td className={TD_NUM}>
                  {t.currency === null ? noCostText(t.cost) : formatMoney(t.cost ?? "0")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {none && (
        <p className="text-sm text-slate-700">
          <strong>{NO_COST_LABEL}</strong>: messages that came without a cost or without a currency
          (incoming messages usually have neither). They are counted, but no currency total includes
          them.
        </p>
      )}
    </div>
  );
}
