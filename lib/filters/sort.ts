import type { SortingState, Updater } from "@tanstack/react-table";
import { z } from "zod";

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

// ---- Messages sorted by the server (answers from the local copy) ----

/** Every column of the Messages table; the local copy sorts the whole range by any of them. */
export const MESSAGE_SORT_COLUMNS = [
  "created",
  "modified",
  "direction",
  "originator",
  "recipient",
  "body",
  "status",
  "parts",
  "cost",
  "currency",
  "id",
  "inReplyTo",
  "routeId",
  "senderReference",
  "campaignId",
] as const;
export type MessageSortColumn = (typeof MESSAGE_SORT_COLUMNS)[number];

export interface MessageSort {
  column: MessageSortColumn;
  desc: boolean;
}

/** Newest first: the order of an answer from the local copy when none is asked for. */
export const DEFAULT_MESSAGE_SORT: MessageSort = { column: "created", desc: true };

/** The URL's `sort` (`cost.asc`) for the server; anything else is refused in words. */
export const messageSortSchema = z
  .string()
  .max(40, "sort is too long")
  .regex(/^[A-Za-z]+\.(asc|desc)$/, 'sort must look like "created.desc" or "cost.asc"')
  .transform((v, ctx): MessageSort | typeof z.NEVER => {
    const [column, dir] = v.split(".") as [string, string];
    if (!(MESSAGE_SORT_COLUMNS as readonly string[]).includes(column)) {
      ctx.addIssue({
        code: "custom",
        message: `sort must name a column: ${MESSAGE_SORT_COLUMNS.join(", ")}`,
      });
      return z.NEVER;
    }
    return { column: column as MessageSortColumn, desc: dir === "desc" };
  });
