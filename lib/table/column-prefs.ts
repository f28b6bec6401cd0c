// A person's column choices per table, kept in the browser's localStorage. What is stored is
// only a preference: text that is not JSON, an old version, unknown columns or values that are
// not booleans are ignored (the table's defaults apply), never an error.

/** Visible (true) or hidden (false) per column id, as TanStack's column visibility. */
export type ColumnVisibility = Record<string, boolean>;

const VERSION = 1;

/** The storage key of a table's choices, namespaced by the table's id. */
export function columnPrefsKey(tableId: string): string {
  return `dashboard:columns:v${VERSION}:${tableId}`;
}

/**
 * The stored choices for the columns a person may hide, or null when nothing usable is
 * stored. `hideable` limits them to today's columns (a column removed since is dropped; one
 * that cannot be hidden is never hidden by an old entry).
 */
export function parseColumnPrefs(
  raw: string | null,
  hideable: readonly string[],
): ColumnVisibility | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.v !== VERSION || !isRecord(value.visible)) return null;
  const out: ColumnVisibility = {};
  for (const id of hideable) {
    const shown = value.visible[id];
    if (typeof shown === "boolean") out[id] = shown;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The text stored for a visibility (only the columns a person may hide). */
export function serialiseColumnPrefs(
  visibility: ColumnVisibility,
  hideable: readonly string[],
): string {
  const visible: ColumnVisibility = {};
  for (const id of hideable) {
    const shown = visibility[id];
    if (typeof shown === "boolean") visible[id] = shown;
  }
  return JSON.stringify({ v: VERSION, visible });
}

/** The table's defaults with the stored choices on top. */
export function withColumnPrefs(
  defaults: ColumnVisibility,
  stored: ColumnVisibility | null,
): ColumnVisibility {
  return stored ? { ...defaults, ...stored } : defaults;
}

type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The stored text, or null (no storage, storage disabled or throwing). */
export function readColumnPrefs(store: KeyValueStore | undefined, tableId: string): string | null {
  try {
    return store?.getItem(columnPrefsKey(tableId)) ?? null;
  } catch {
    return null;
  }
}

/** Stores the text (null removes it); false when the browser refused (full, disabled). */
export function writeColumnPrefs(
  store: KeyValueStore | undefined,
  tableId: string,
  text: string | null,
): boolean {
  if (!store) return false;
  try {
    if (text === null) store.removeItem(columnPrefsKey(tableId));
    else store.setItem(columnPrefsKey(tableId), text);
    return true;
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
