"use client";

import dynamic from "next/dynamic";
import { TableSkeleton } from "@/components/ui/table-skeleton";

// The report views (Spend, Delivery, Compliance) load after the page shell, like Messages
// (components/messages/lazy-messages-view.tsx): their filter bar, URL and stream checks (zod)
// and the report tables are most of the page's script, and a report can only be shown once
// the browser has asked for it anyway. Each view is its own chunk; the skeleton is the view's
// own loading state. Keeps these pages within the first-load budget (npm run bundle-size).

const loading = () => <TableSkeleton rows={4} />;

export const LazySpendView = dynamic(
  () => import("@/components/spend/spend-view").then((m) => m.SpendView),
  { ssr: false, loading },
);

export const LazyDeliveryView = dynamic(
  () => import("@/components/delivery/delivery-view").then((m) => m.DeliveryView),
  { ssr: false, loading },
);

export const LazyComplianceView = dynamic(
  () => import("@/components/compliance/compliance-view").then((m) => m.ComplianceView),
  { ssr: false, loading },
);
