"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect } from "react";
import { presetRange } from "@/lib/time/presets";
import { browserTimeZone, canonicalTimeZone } from "@/lib/time/zones";

export type ParamPatch = Record<string, string | number | string[] | null | undefined>;

/**
 * The URL as the single source of a page's state. `update` merges a patch into the current
 * search params (null/undefined/"" removes a key) and pushes a history entry, so links are
 * shareable and the back button walks through earlier views.
 */
export function useSearchParamState() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const update = useCallback(
    (patch: ParamPatch, opts: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(patch)) {
        next.delete(key);
        if (Array.isArray(value)) value.forEach((v) => next.append(key, v));
        else if (value !== null && value !== undefined && value !== "")
          next.set(key, String(value));
      }
      const href = `${pathname}?${next.toString()}`;
      if (opts.replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [pathname, router, searchParams],
  );

  return { searchParams, update };
}

/** Why the URL's zone cannot be used, in words; null when it can (or is absent). */
export function zoneProblem(tz: string | null): string | null {
  if (!tz || canonicalTimeZone(tz) !== null) return null;
  const shown = tz.length > 64 ? `${tz.slice(0, 64)}…` : tz;
  return `${JSON.stringify(shown)} is not a time zone this browser knows (e.g. Europe/London, UTC). Use your own zone, or pick one from the list after resetting the filters.`;
}

/**
 * The range pages' shared start: missing from/to/tz are filled once with the defaults (last
 * 7 days in the browser's zone, or in the URL's zone when it has one) via `replace`, so every
 * view has a shareable URL. A zone the browser does not know is never used to compute
 * "today" (that throws during render, and again on every retry): it is reported instead,
 * and the page shows it with a way out.
 */
export function useRangeDefaults() {
  const { searchParams, update } = useSearchParamState();
  const tzParam = searchParams.get("tz");
  const badZone = zoneProblem(tzParam);
  const missing = !searchParams.get("from") || !searchParams.get("to") || !tzParam;

  useEffect(() => {
    if (!missing || badZone) return;
    const tz = tzParam || browserTimeZone();
    const { from, to } = presetRange("last7", tz);
    update(
      { tz, from: searchParams.get("from") || from, to: searchParams.get("to") || to },
      { replace: true },
    );
  }, [missing, badZone, tzParam, searchParams, update]);

  return { searchParams, update, missing, badZone };
}
