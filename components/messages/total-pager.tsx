"use client";

/**
 * Page navigation when the total is known (answers from the local copy): "1–100 of 48,213"
 * with First, Previous, Next and Last.
 */
export function TotalPager({
  page,
  pageSize,
  rowCount,
  total,
  onPage,
  busy,
}: {
  page: number;
  pageSize: number;
  rowCount: number;
  total: number;
  onPage: (page: number) => void;
  busy?: boolean;
}) {
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const first = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + rowCount;
  const btn =
    "h-9 rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm hover:border-slate-400 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-brand-600";
  const buttons: [string, number, boolean][] = [
    ["First", 1, page <= 1],
    ["Previous", page - 1, page <= 1],
    ["Next", page + 1, page >= lastPage],
    ["Last", lastPage, page >= lastPage],
  ];
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center gap-2">
      <p className="mr-2 text-sm text-slate-700" aria-live="polite" data-testid="pager-count">
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")} ·
        page {page.toLocaleString("en")} of {lastPage.toLocaleString("en")}
      </p>
      {buttons.map(([label, target, disabled]) => (
        <button
          key={label}
          type="button"
          className={btn}
          disabled={disabled || busy}
          onClick={() => onPage(target)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
