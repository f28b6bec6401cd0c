import type { Metadata } from "next";
import { Suspense } from "react";
import { ConfigMissing } from "@/components/config-missing";
import { LazyOptOutsView } from "@/components/optouts/lazy-optouts-view";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { isMobivateConfigured } from "@/lib/settings/mobivate-config";

export const metadata: Metadata = { title: "Opt-outs" };
// The key check reads the environment at request time, not at build time.
export const dynamic = "force-dynamic";

export default async function OptOutsPage() {
  await requirePage(PAGES.optouts);
  if (!(await isMobivateConfigured())) return <ConfigMissing />;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Opt-outs</h1>
      <Suspense fallback={<TableSkeleton />}>
        <LazyOptOutsView />
      </Suspense>
    </div>
  );
}
