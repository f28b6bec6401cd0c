import type { SortingState, Updater } from "@tanstack/react-table";

/** `sort=created.desc` ⇄ TanStack sorting state (sort of the loaded page only). */
export function parseSort(value: string | null): SortingState {
  if (!value) return [];
  const m = /^([A-Za-z]+)\.(asc|desc)$/.exec(value);
  return m ? [{ id: m[1]!, desc: m[2] === "desc" }] : [];
}

export function formatSort(sorting: SortingState): string | undefined {
  const s = sorting[0];
  return s ? `${s.id}.${s.desc ? "desc" : "asc"}` : undefined;
}

/** TanStack's `onSortingChange` for a table whose sorting lives in the URL's `sort`. */
export function sortingToUrl(sorting: SortingState, write: (sort: string | undefined) => void) {
  return (updater: Updater<SortingState>) =>
    write(formatSort(typeof updater === "function" ? updater(sorting) : updater));
}
