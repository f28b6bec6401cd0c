"use client";

import { parseAsNativeArrayOf, parseAsString, useQueryStates, type Options } from "nuqs";
import { useCallback, useEffect, useMemo } from "react";
import { filtersState, missingRange, type UrlParse } from "@/lib/filters/url-filters";
import { browserTimeZone } from "@/lib/time/zones";

/**
 * Every filter parameter the pages keep in their URL. nuqs only reads and writes them as
 * text: the rules are the pages' zod schemas (lib/filters, lib/<report>/query.ts), which
 * see the whole query at once (to ≥ from, the day cap). Parameters not listed here (e.g.
 * the report routes' `refresh`) are neither read nor touched.
 */
const FILTER_PARAMS = {
  from: parseAsString,
  to: parseAsString,
  tz: parseAsString,
  direction: parseAsString,
  page: parseAsString,
  pageSize: parseAsString,
  sort: parseAsString,
  number: parseAsString,
  // Opt-outs' number search: all time (absent) or the chosen days ("days").
  scope: parseAsString,
  q: parseAsString,
  campaign: parseAsString,
  route: parseAsString,
  // May repeat (status=A&status=B); each value may also be a comma list.
  status: parseAsNativeArrayOf(parseAsString),
};

type FilterParam = keyof typeof FILTER_PARAMS;

/** A change to some filters: null, undefined, "" and [] remove a parameter. */
export type FilterPatch = {
  [K in FilterParam]?: K extends "status" ? string[] | null : string | number | null;
};

export type UpdateFilters = (patch: FilterPatch, opts?: { replace?: boolean }) => void;

/** What nuqs holds and writes: text, a list for `status`, null for absent. */
type Values = { [K in FilterParam]?: K extends "status" ? string[] | null : string | null };

function toSearchParams(values: Values): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else if (value) params.set(key, value);
  }
  return params;
}

function toValues(patch: FilterPatch): Values {
  const { status, ...single } = patch;
  const values: Values = {};
  if (status !== undefined) values.status = status?.length ? status : null;
  for (const [key, value] of Object.entries(single)) {
    const k = key as Exclude<FilterParam, "status">;
    values[k] = value === null || value === undefined || value === "" ? null : String(value);
  }
  return values;
}

/**
 * A page's filters from its URL, through nuqs: changes are merged into one queue and
 * written together, so a second change made before the first reached the URL keeps the
 * first (building each URL from the last render's search params lost it). A change pushes
 * a history entry (the back button walks through earlier views) unless `replace`.
 *
 * A URL without its range gets the default one written in once (replace, not push), so
 * every view has a shareable URL; until then the state is pending.
 */
export function useUrlFilters<Q>(parse: UrlParse<Q>) {
  const [values, setValues] = useQueryStates(FILTER_PARAMS);

  const update = useCallback<UpdateFilters>(
    (patch, opts = {}) => {
      const options: Options = { history: opts.replace ? "replace" : "push", scroll: false };
      void setValues(toValues(patch), options);
    },
    [setValues],
  );

  const params = useMemo(() => toSearchParams(values), [values]);
  const state = useMemo(() => filtersState(params, parse), [params, parse]);

  // The browser's zone is only known here, after hydration: the server cannot fill it in.
  const pending = state.status === "pending";
  useEffect(() => {
    const fill = pending ? missingRange(params, browserTimeZone()) : null;
    if (fill) update(fill, { replace: true });
  }, [pending, params, update]);

  return { state, update };
}
