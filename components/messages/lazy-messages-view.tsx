"use client";

import dynamic from "next/dynamic";
import { TableSkeleton } from "@/components/ui/table-skeleton";

/**
 * The Messages view loads after the page shell: its URL parsing (zod), TanStack Table and
 * Virtual and nuqs are most of the page's script (≈ 50 KiB gzip), and the view can only show
 * rows once the browser has asked for them anyway. The skeleton is the view's own loading
 * state, so the page does not jump when it arrives. Keeps /messages within its first-load
 * budget (docs/benchmarks.md, "First-load JavaScript").
 */
export const LazyMessagesView = dynamic(
  () => import("./messages-view").then((m) => m.MessagesView),
  { ssr: false, loading: () => <TableSkeleton /> },
);
