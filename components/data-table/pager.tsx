"use client";

/**
 * Page navigation for an API that has no total count: the caller says whether a next page
 * exists (learned from a short page or a one-record probe), so "Next" is never a dead end.
 */
export function Pager({
  page,
  pageSize,
  rowCount,
  hasNextPage,
  onPage,
  busy,
  total,
}: {
  page: number;
  pageSize: number;
  rowCount: number;
  hasNextPage: boolean;
  onPage: (page: number) => void;
  busy?: boolean;
  /** Total rows when known (after a whole-range read); shows "of N pages". */
  total?: number;
}) {
  const first = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + rowCount;
  const btn =
    "h-9 rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm hover:border-slate-400 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-brand-600";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center gap-2">
      <p className="mr-2 text-sm text-slate-700" aria-live="polite">
        Page {page.toLocaleString("en")}
        {total !== undefined
          ? ` of ${Math.max(1, Math.ceil(total / pageSize)).toLocaleString("en")}`
          : ""}{" "}
        · rows {first.toLocaleString("en")}–{last.toLocaleString("en")}
        {!hasNextPage && rowCount > 0 ? " (last page)" : ""}
      </p>
      <button type="button" className={btn} disabled={page <= 1 || busy} onClick={() => onPage(1)}>
        First
      </button>
      <button
        type="button"
        className={btn}
        disabled={page <= 1 || busy}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <button
        type="button"
        className={btn}
        disabled={!hasNextPage || busy}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}
