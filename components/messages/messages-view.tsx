"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTable, type SortingState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { SourceLabel } from "@/components/mirror/source-label";
import { listMessagesAction } from "@/lib/messages/actions";
import { DataTable } from "@/components/data-table/data-table";
import { dataTableFeatures } from "@/components/data-table/features";
import { Pager } from "@/components/data-table/pager";
import { TableActions } from "@/components/data-table/table-actions";
import { usePersistentColumnVisibility } from "@/components/data-table/use-column-prefs";
import { formatDayRange } from "@/components/filters/date-range-picker";
import { FiltersGate, type FilteredViewProps } from "@/components/filters/filters-gate";
import { RangeFilterBar } from "@/components/filters/range-filter-bar";
import { EmptyPage } from "@/components/ui/empty-page";
import { ErrorPanel } from "@/components/ui/error-panel";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { parseMessagesUrl, type MessageViewInput } from "@/lib/filters/messages";
import { describeFailedRead } from "@/lib/errors/dashboard";
import { hasSearch, type MessageSearch } from "@/lib/search/message-filter";
import type { Message } from "@/lib/mobivate/types";
import { costDecimals } from "@/lib/spend/format";
import { zoneLabel } from "@/lib/time/zones";
import { DEFAULT_HIDDEN_COLUMNS, MESSAGE_HIDEABLE_COLUMNS, messageColumns } from "./columns";
import { FindById } from "./find-by-id";
import { SearchPanel } from "./search-panel";
import { TotalPager } from "./total-pager";
import { formatSort, sortingToUrl } from "@/lib/filters/sort";

const EMPTY: Message[] = [];

/** The range query plus the search (the download honours the search too). */
function withSearch(rangeQuery: string, search: MessageSearch): string {
  const qs = new URLSearchParams(rangeQuery);
  for (const [k, v] of Object.entries(search)) {
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else if (v) qs.set(k, v);
  }
  return qs.toString();
}

export function MessagesView() {
  return <FiltersGate parse={parseMessagesUrl} resetHref="/messages" view={MessagesTable} />;
}

function MessagesTable({
  query: { filters, sorting },
  update,
}: FilteredViewProps<{ filters: MessageViewInput; sorting: SortingState }>) {
  const { from, to, tz, direction, page, pageSize, ...search } = filters;
  const searching = hasSearch(search);
  const sort = formatSort(sorting);
  // The local copy sorts the whole range on the server, so its sort is part of the question;
  // a live answer is one API page that the table sorts itself (no new read per click).
  const [serverSorts, setServerSorts] = useState(false);
  // A live read asked for these filters ("Read live from Mobivate").
  const filtersKey = JSON.stringify(filters);
  const [liveFor, setLiveFor] = useState<string | null>(null);
  const live = liveFor === filtersKey;
  const query = useQuery({
    queryKey: ["messages", filters, serverSorts ? (sort ?? null) : null, live],
    queryFn: () =>
      listMessagesAction({ ...filters, ...(sort ? { sort } : {}), ...(live ? { live } : {}) }),
    placeholderData: keepPreviousData,
  });
  const answer = query.data?.ok ? query.data.data : undefined;
  const fromCopy = answer?.source.kind === "mirror";
  if (answer && !query.isPlaceholderData && fromCopy !== serverSorts) setServerSorts(fromCopy);

  const detailQuery = new URLSearchParams({
    from,
    to,
    tz,
    ...(direction ? { direction } : {}),
  }).toString();
  const result = query.data;
  const rows = result?.ok ? result.data.rows : EMPTY;
  // One number of decimals per currency over the rows on the page.
  const decimals = useMemo(() => costDecimals(rows), [rows]);
  const columns = useMemo(
    () => messageColumns(tz, detailQuery, decimals),
    [tz, detailQuery, decimals],
  );
  const columnPrefs = usePersistentColumnVisibility(
    "messages",
    DEFAULT_HIDDEN_COLUMNS,
    MESSAGE_HIDEABLE_COLUMNS,
  );

  // From the copy the rows arrive in the server's order (newest first unless asked otherwise).
  const shownSorting: SortingState =
    fromCopy && answer.sort ? [{ id: answer.sort.column, desc: answer.sort.desc }] : sorting;
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (m) => m.id,
    state: { sorting: shownSorting, columnVisibility: columnPrefs.visibility },
    manualSorting: fromCopy,
    onSortingChange: sortingToUrl(shownSorting, (next) =>
      // A new order of the whole range starts at its first page.
      update({ sort: next, ...(fromCopy ? { page: undefined } : {}) }, { replace: true }),
    ),
    onColumnVisibilityChange: columnPrefs.setVisibility,
  });

  const busy = query.isFetching;
  // The whole range (all pages), streamed by the server; filters as on screen.
  const exportHref = `/api/export/messages?${withSearch(detailQuery, search)}`;
  const rangeText = `${formatDayRange(from, to)} (${tz})`;

  return (
    <div className="space-y-4">
      <RangeFilterBar query={filters} update={update} direction="any" pageSize={pageSize}>
        <TableActions downloadHref={exportHref} table={table} onResetColumns={columnPrefs.reset} />
      </RangeFilterBar>

      <SearchPanel
        key={JSON.stringify(search)}
        search={search}
        onSearch={(patch) => update(patch)}
      />

      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid="zone-note">
          Times shown in <strong>{zoneLabel(tz)}</strong>
        </p>
        <FindById query={detailQuery} />
      </div>

      {answer && (
        <div className="space-y-1">
          <SourceLabel
            source={answer.source}
            busy={busy}
            onReadLive={() => setLiveFor(filtersKey)}
          />
          {!fromCopy && (
            <p className="text-sm text-slate-600" data-testid="sort-note">
              Mobivate lists messages oldest first and cannot sort: a column&apos;s sort orders the
              rows of this page only.
            </p>
          )}
          {fromCopy && !answer.textKept && (
            <p className="text-sm text-slate-600">
              The local copy keeps no message text: open a message to read it from Mobivate.
            </p>
          )}
        </div>
      )}

      {busy && searching && (
        <p role="status" className="text-sm text-slate-700">
          Searching every message {rangeText}…
        </p>
      )}

      {query.isError ? (
        // The action threw: no answer at all (connection, restart, ended session).
        <ErrorPanel error={describeFailedRead()} onRetry={() => void query.refetch()} />
      ) : !result ? (
        <TableSkeleton />
      ) : !result.ok ? (
        <ErrorPanel error={result.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyPage
          page={page}
          pageSize={pageSize}
          total={result.data.total}
          what={`${searching ? "matching " : ""}${
            direction ? (direction === "MO" ? "incoming " : "outgoing ") : ""
          }messages from ${rangeText}`}
          hint="Try a longer range or another direction."
          onPage={(p) => update({ page: p === 1 ? undefined : p })}
        />
      ) : (
        <>
          {searching && result.data.total !== undefined && (
            <p className="text-sm font-medium" role="status" data-testid="search-count">
              {result.data.total.toLocaleString("en")}{" "}
              {result.data.total === 1 ? "message matches" : "messages match"}{" "}
              {result.data.scanned === undefined
                ? rangeText
                : `(of ${result.data.scanned.toLocaleString("en")} read ${rangeText})`}
            </p>
          )}
          <DataTable
            table={table}
            busy={busy}
            caption={`Messages from ${rangeText}, page ${page}`}
          />
          {fromCopy && result.data.total !== undefined ? (
            <TotalPager
              page={page}
              pageSize={pageSize}
              rowCount={rows.length}
              total={result.data.total}
              busy={busy}
              onPage={(p) => update({ page: p === 1 ? undefined : p })}
            />
          ) : (
            <Pager
              page={page}
              pageSize={pageSize}
              rowCount={rows.length}
              hasNextPage={result.data.hasNextPage}
              total={result.data.total}
              busy={busy}
              onPage={(p) => update({ page: p === 1 ? undefined : p })}
            />
          )}
        </>
      )}
    </div>
  );
}
