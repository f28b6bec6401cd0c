"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

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
