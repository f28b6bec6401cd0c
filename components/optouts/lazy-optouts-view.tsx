"use client";

import dynamic from "next/dynamic";
import { TableSkeleton } from "@/components/ui/table-skeleton";

/**
 * The Opt-outs view loads after the page shell (as the Messages view,
 * components/messages/lazy-messages-view.tsx): its forms, URL parsing and table are most of
 * the page's script. Keeps /optouts within its first-load budget.
 */
export const LazyOptOutsView = dynamic(() => import("./optouts-view").then((m) => m.OptOutsView), {
  ssr: false,
  loading: () => <TableSkeleton />,
});
