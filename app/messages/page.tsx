import type { Metadata } from "next";
import { Suspense } from "react";
import { ConfigMissing } from "@/components/config-missing";
import { LazyMessagesView } from "@/components/messages/lazy-messages-view";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { isMobivateConfigured } from "@/lib/settings/mobivate-config";

export const metadata: Metadata = { title: "Messages" };
// The key check reads the environment at request time, not at build time.
export const dynamic = "force-dynamic";

export default async function MessagesPage() {
  await requirePage(PAGES.messages);
  if (!(await isMobivateConfigured())) return <ConfigMissing />;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Messages</h1>
      <Suspense fallback={<TableSkeleton />}>
        <LazyMessagesView />
      </Suspense>
    </div>
  );
}
