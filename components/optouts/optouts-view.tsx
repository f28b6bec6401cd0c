"use client";

import { useTable, type SortingState } from "@tanstack/react-table";
import { useMemo, useRef, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { dataTableFeatures } from "@/components/data-table/features";
import { Pager } from "@/components/data-table/pager";
import { TableActions } from "@/components/data-table/table-actions";
import { usePersistentColumnVisibility } from "@/components/data-table/use-column-prefs";
import { formatDayRange } from "@/components/filters/date-range-picker";
import { FiltersGate, type FilteredViewProps } from "@/components/filters/filters-gate";
import { RangeFilterBar } from "@/components/filters/range-filter-bar";
import { sortingToUrl } from "@/lib/filters/sort";
import { EmptyPage } from "@/components/ui/empty-page";
import { ErrorPanel } from "@/components/ui/error-panel";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { optOutExportHref, parseOptOutsUrl, type OptOutListInput } from "@/lib/filters/optouts";
import type { OptOut } from "@/lib/mobivate/types";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { zoneLabel } from "@/lib/time/zones";
import { AddOptOutForm } from "./add-optout-form";
import {
  OPTOUT_DEFAULT_VISIBILITY,
  OPTOUT_HIDEABLE_COLUMNS,
  optOutColumns,
  optOutRowId,
} from "./columns";
import { SourceLabel } from "@/components/mirror/source-label";
import { NumberSearch, SearchScope } from "./number-search";
import { RemoveOptOutDialog } from "./remove-optout-dialog";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useOptOutRows } from "./use-optout-rows";

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function OptOutsView() {
  // Rendered in the browser only: the zone list and its abbreviations come from the runtime's
  // ICU data, which differs between Node and the browser, so server HTML would not hydrate
  // (and a number typed before React took over would be lost). The rows load here anyway.
  const hydrated = useHydrated();

  if (!hydrated) return <TableSkeleton />;
  return <FiltersGate parse={parseOptOutsUrl} resetHref="/optouts" view={OptOutsPanel} />;
}

function OptOutsPanel({
  query: { filters, sorting },
  update,
}: FilteredViewProps<{ filters: OptOutListInput; sorting: SortingState }>) {
  const { from, to, tz, page, pageSize, number, scope } = filters;
  // A live read asked for from the source line; for this search only (a new search reads
  // from the copy again).
  const [liveFor, setLiveFor] = useState<string | null>(null);
  const searchKey = `${number ?? ""}|${scope}|${from}|${to}|${tz}`;
  const {
    rows: result,
    busy,
    refetch,
    rowsOrEmpty,
  } = useOptOutRows(filters, {
    live: liveFor === searchKey,
  });
  const [removing, setRemoving] = useState<OptOut | null>(null);
  const [notice, setNotice] = useState("");
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const focusNoticeOnClose = useRef(false);

  const columns = useMemo(() => optOutColumns(tz, setRemoving), [tz]);
  const columnPrefs = usePersistentColumnVisibility(
    "optouts",
    OPTOUT_DEFAULT_VISIBILITY,
    OPTOUT_HIDEABLE_COLUMNS,
  );
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rowsOrEmpty,
    getRowId: optOutRowId,
    state: { sorting, columnVisibility: columnPrefs.visibility },
    onSortingChange: sortingToUrl(sorting, (sort) => update({ sort }, { replace: true })),
    onColumnVisibilityChange: columnPrefs.setVisibility,
  });

  const range = useMemo(() => zonedDayRangeToApi(from, to, tz), [from, to, tz]);
  const rangeText = `${formatDayRange(from, to)} (${tz})`;
  const searching = number !== undefined;
  const scopeText = scope === "all" ? "of all time" : `from ${rangeText}`;

  return (
    <div className="space-y-4">
      <AddOptOutForm tz={tz} range={range} />

      <RangeFilterBar query={filters} update={update} pageSize={pageSize}>
        <NumberSearch
          key={number ?? ""}
          value={number}
          onSearch={(n) => update({ number: n, page: undefined })}
        />
        <SearchScope
          scope={scope}
          onChange={(s) => update({ scope: s === "all" ? null : s, page: undefined })}
        />
        <TableActions
          downloadHref={optOutExportHref({ from, to, tz })}
          table={table}
          onResetColumns={columnPrefs.reset}
        />
      </RangeFilterBar>

      <p className="text-sm text-slate-700" data-testid="zone-note">
        Times shown in <strong>{zoneLabel(tz)}</strong>
      </p>

      <p
        ref={noticeRef}
        role="status"
        tabIndex={-1}
        className="text-sm font-medium text-green-800 focus:outline-none"
      >
        {notice}
      </p>

      {result.status === "ready" && result.search && (
        <div className="space-y-1">
          <p className="text-sm text-slate-800" data-testid="search-summary">
            {count(result.search.total, "opt-out matches", "opt-outs match")} “{number}”{" "}
            {scope === "all" ? "of all time" : `from ${rangeText}`}
            {result.search.truncated
              ? ` (the first ${result.search.shown.toLocaleString("en")} are listed)`
              : ""}
            . Searched all {count(result.search.scanned, "opt-out", "opt-outs")}
            {scope === "all" ? " ever recorded" : " of these days"}.
          </p>
          <SourceLabel
            source={result.search.source}
            busy={busy}
            onReadLive={() => setLiveFor(searchKey)}
          />
        </div>
      )}

      {result.status === "loading" ? (
        <TableSkeleton />
      ) : result.status === "error" ? (
        <ErrorPanel error={result.error} onRetry={refetch} />
      ) : result.rows.length === 0 ? (
        <EmptyPage
          page={page}
          pageSize={pageSize}
          total={result.search?.shown}
          what={
            searching ? `opt-outs matching “${number}” ${scopeText}` : `opt-outs from ${rangeText}`
          }
          empty={searching ? `No opt-outs match “${number}” ${scopeText}.` : undefined}
          hint={
            searching
              ? scope === "all"
                ? "The search looks at every opt-out ever recorded: this number is not opted out. Try fewer digits to widen it."
                : "The search looks at every opt-out of these days: try fewer digits, or search all time."
              : "Try a longer range."
          }
          onPage={(p) => update({ page: p === 1 ? undefined : p })}
        />
      ) : (
        <>
          <DataTable
            table={table}
            busy={busy}
            caption={
              searching
                ? `Opt-outs matching “${number}” ${scopeText}, page ${page}`
                : `Opt-outs from ${rangeText}, page ${page}`
            }
          />
          <Pager
            page={page}
            pageSize={pageSize}
            rowCount={result.rows.length}
            hasNextPage={result.hasNextPage}
            busy={busy}
            onPage={(p) => update({ page: p === 1 ? undefined : p })}
          />
        </>
      )}

      <RemoveOptOutDialog
        target={removing}
        onClose={() => {
          setRemoving(null);
          // The row and its button are going away: after the dialog has handed focus back,
          // move it to the sentence that says what happened.
          if (focusNoticeOnClose.current) noticeRef.current?.focus();
          focusNoticeOnClose.current = false;
        }}
        onRemoved={(removed) => {
          focusNoticeOnClose.current = true;
          setNotice(`Removed the opt-out of ${removed.mobile}. It can receive messages again.`);
          setRemoving(null);
        }}
      />
    </div>
  );
}
