"use client";

/**
 * A table with no rows. Past the last page (an old link, a typed page number) it says so and
 * offers the way back: the last page when the total is known (a search), else the first page
 * (the API has no count; Next then leads to the last one).
 */
export function EmptyPage({
  page,
  pageSize,
  total,
  what,
  empty,
  hint,
  onPage,
}: {
  page: number;
  pageSize: number;
  total?: number;
  /** What the list holds, e.g. "outgoing messages from 1 Nov 2026 (UTC)". */
  what: string;
  /** The sentence for an empty first page; "No <what>." when absent. */
  empty?: string;
  hint: string;
  onPage: (page: number) => void;
}) {
  const lastPage = total ? Math.ceil(total / pageSize) : undefined;
  const link = "font-medium text-brand-700 underline";
  return (
    <div
      className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center"
      data-testid="empty-page"
    >
      <p className="font-medium">
        {page > 1
          ? `Page ${page.toLocaleString("en")} is past the last page of ${what}.`
          : (empty ?? `No ${what}.`)}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        {page <= 1 ? (
          hint
        ) : lastPage && lastPage > 1 ? (
          <button type="button" className={link} onClick={() => onPage(lastPage)}>
            Go to the last page (page {lastPage.toLocaleString("en")})
          </button>
        ) : (
          <button type="button" className={link} onClick={() => onPage(1)}>
            Go to the first page
          </button>
        )}
      </p>
    </div>
  );
}
