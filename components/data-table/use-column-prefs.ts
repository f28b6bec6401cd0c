"use client";

import type { Updater } from "@tanstack/react-table";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import {
  parseColumnPrefs,
  readColumnPrefs,
  serialiseColumnPrefs,
  withColumnPrefs,
  writeColumnPrefs,
  type ColumnVisibility,
} from "@/lib/table/column-prefs";

const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab of the dashboard changed its choices.
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * A table's column visibility, remembered per person in this browser (localStorage, keyed by
 * `tableId`). The server and the hydrating render use `defaults` (the server cannot know the
 * choices), then the stored ones apply: no hydration mismatch. `reset` forgets the choices.
 */
export function usePersistentColumnVisibility(
  tableId: string,
  defaults: ColumnVisibility,
  hideable: readonly string[],
) {
  const raw = useSyncExternalStore(
    subscribe,
    () => readColumnPrefs(storage(), tableId),
    () => null,
  );
  const hideableKey = hideable.join("\u0000");
  const visibility = useMemo(
    () => withColumnPrefs(defaults, parseColumnPrefs(raw, hideableKey.split("\u0000"))),
    [defaults, raw, hideableKey],
  );

  const setVisibility = useCallback(
    (updater: Updater<ColumnVisibility>) => {
      const next = typeof updater === "function" ? updater(visibility) : updater;
      writeColumnPrefs(storage(), tableId, serialiseColumnPrefs(next, hideable));
      listeners.forEach((l) => l());
    },
    [visibility, tableId, hideable],
  );

  const reset = useCallback(() => {
    writeColumnPrefs(storage(), tableId, null);
    listeners.forEach((l) => l());
  }, [tableId]);

  return { visibility, setVisibility, reset };
}
