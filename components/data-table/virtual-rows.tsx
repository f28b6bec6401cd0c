"use client";

import type { Row, RowData } from "@tanstack/react-table";
import { defaultRangeExtractor, useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type FocusEvent, type ReactNode } from "react";
import type { DataTableFeatures } from "./features";

/** A first guess of a row's height in px; each rendered row is then measured. */
const ROW_ESTIMATE = 45;
/** Rows rendered beyond each edge of the visible ones, so Tab and arrows find a next row. */
const OVERSCAN = 10;

/**
 * The body of a long table: only the rows in view (plus OVERSCAN) are in the DOM, with spacer
 * rows standing for the others so the scroll bar and the sticky header behave as with every
 * row. The row holding the keyboard focus stays rendered while it scrolls out of view, so
 * focus is never dropped to the page; the next Tab goes to the first row on screen.
 */
export function VirtualRows<TData extends RowData>({
  rows,
  scrollBox,
  colSpan,
  renderRow,
}: {
  rows: Row<DataTableFeatures, TData>[];
  scrollBox: HTMLDivElement | null;
  colSpan: number;
  renderRow: (
    row: Row<DataTableFeatures, TData>,
    index: number,
    measure: (el: HTMLTableRowElement | null) => void,
  ) => ReactNode;
}) {
  const focusedId = useRef<string | null>(null);
  // The app does not run the React Compiler; the virtualizer re-renders this body itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: rows.length,
    getScrollElement: () => scrollBox,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    getItemKey: (i) => rows[i]?.id ?? i,
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      const id = focusedId.current;
      const pinned = id === null ? -1 : rows.findIndex((r) => r.id === id);
      if (pinned >= 0 && !indexes.includes(pinned)) {
        indexes.push(pinned);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    // React 19: no flushSync from inside the virtualizer's scroll handler.
    useFlushSync: false,
  });

  // A new page or a new order starts at its first row (not in the middle of the old scroll).
  const firstId = rows[0]?.id;
  useEffect(() => {
    scrollBox?.scrollTo({ top: 0 });
  }, [firstId, rows.length, scrollBox]);

  // Home and End on the scrolling box go to the first and the last row. The browser's own
  // End scrolls to the bottom as it is at that moment; the rows measured on arrival are taller
  // than the estimate, the total grows, and the scroll stopped part way (a third from the end
  // at 1000 messages). The virtualizer scrolls to the row itself and corrects as it measures.
  useEffect(() => {
    if (!scrollBox) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.target !== scrollBox || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== "End" && e.key !== "Home") return;
      e.preventDefault();
      if (e.key === "Home") virtualizer.scrollToOffset(0);
      else virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
    };
    scrollBox.addEventListener("keydown", onKeyDown);
    return () => scrollBox.removeEventListener("keydown", onKeyDown);
  }, [scrollBox, virtualizer, rows.length]);

  const onFocus = (e: FocusEvent<HTMLTableSectionElement>) => {
    const tr = (e.target as Element).closest("tr[data-row-id]");
    focusedId.current = tr?.getAttribute("data-row-id") ?? null;
  };
  const onBlur = (e: FocusEvent<HTMLTableSectionElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focusedId.current = null;
  };

  const out: ReactNode[] = [];
  let cursor = 0;
  for (const item of virtualizer.getVirtualItems()) {
    const row = rows[item.index];
    if (!row) continue;
    if (item.start > cursor) out.push(spacer(`gap-${item.key}`, item.start - cursor, colSpan));
    out.push(renderRow(row, item.index, virtualizer.measureElement));
    cursor = Math.max(cursor, item.end);
  }
  const total = virtualizer.getTotalSize();
  if (total > cursor) out.push(spacer("gap-end", total - cursor, colSpan));

  return (
    <tbody onFocus={onFocus} onBlur={onBlur}>
      {out}
    </tbody>
  );
}

/** Stands for rows not rendered: hidden from assistive technology, which reads aria-rowindex. */
function spacer(key: string, height: number, colSpan: number) {
  return (
    <tr key={key} aria-hidden="true" data-spacer="">
      <td colSpan={colSpan} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
