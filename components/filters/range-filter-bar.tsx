"use client";

import type { ReactNode } from "react";
import { PAGE_SIZES } from "@/lib/filters/page-sizes";
import { DateRangePicker } from "./date-range-picker";
import { SelectField } from "./select-field";
import { TimeZoneSelect } from "./time-zone-select";
import type { UpdateFilters } from "./use-url-filters";

const ANY_DIRECTION = [
  { value: "", label: "All directions" },
  { value: "MO", label: "Incoming (MO)" },
  { value: "MT", label: "Outgoing (MT)" },
] as const;
// Delivery is about outgoing messages: MT is its default and it has no "all".
const ONE_DIRECTION = [
  { value: "MT", label: "Outgoing (MT)" },
  { value: "MO", label: "Incoming (MO)" },
] as const;
const PAGE_SIZE_OPTIONS = PAGE_SIZES.map((n) => ({ value: String(n), label: `${n} per page` }));

/**
 * The filters every page shares, in one row: the days, the zone, and where the page has
 * them the direction and the page size; `children` go after them (a search, downloads).
 * On a paged list any change goes back to page 1.
 */
export function RangeFilterBar({
  query,
  update,
  direction,
  pageSize,
  children,
}: {
  query: { from: string; to: string; tz: string; direction?: "MO" | "MT" | null };
  update: UpdateFilters;
  /** "any": all directions or one; "MT": one, outgoing by default (kept out of the URL). */
  direction?: "any" | "MT";
  /** The list's page size; absent on pages without pages. */
  pageSize?: number;
  children?: ReactNode;
}) {
  const { from, to, tz } = query;
  const paged = pageSize !== undefined;
  const change = (patch: Parameters<UpdateFilters>[0]) =>
    update(paged ? { ...patch, page: null } : patch);

  return (
    <div className="flex flex-wrap items-end gap-3">
      <DateRangePicker from={from} to={to} tz={tz} onChange={(r) => change(r)} />
      <TimeZoneSelect tz={tz} onChange={(v) => change({ tz: v })} />
      {direction && (
        <SelectField
          label="Direction"
          name="direction"
          value={query.direction ?? (direction === "MT" ? "MT" : "")}
          options={direction === "MT" ? ONE_DIRECTION : ANY_DIRECTION}
          // The default stays out of the URL: shorter links, the same page.
          onChange={(v) => change({ direction: v === direction || v === "" ? null : v })}
          className="w-44"
        />
      )}
      {paged && (
        <SelectField
          label="Page size"
          name="pageSize"
          value={String(pageSize)}
          options={PAGE_SIZE_OPTIONS}
          onChange={(v) => change({ pageSize: v })}
          className="w-36"
        />
      )}
      {children}
    </div>
  );
}
