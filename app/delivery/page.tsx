import type { Metadata } from "next";
import { Suspense } from "react";
import { ConfigMissing } from "@/components/config-missing";
import { LazyDeliveryView } from "@/components/report/lazy-report-views";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { isMobivateConfigured } from "@/lib/settings/mobivate-config";

export const metadata: Metadata = { title: "Delivery health" };
// The key check reads the environment at request time, not at build time.
export const dynamic = "force-dynamic";

export default async function DeliveryPage() {
  await requirePage(PAGES.delivery);
  if (!(await isMobivateConfigured())) return <ConfigMissing />;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Delivery health</h1>
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <LazyDeliveryView />
      </Suspense>
    </div>
  );
}
