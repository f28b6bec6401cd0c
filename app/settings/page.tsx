import type { Metadata } from "next";
import { ApiKeyForm } from "@/components/admin/api-key-form";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { mobivateConfigStatus } from "@/lib/settings/mobivate-config";
import { DEFAULT_BASE_URL } from "@/lib/settings/schemas";
import { formatInZone } from "@/lib/time/format";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requirePage(PAGES.settings);
  const status = await mobivateConfigStatus();
  const stored = status.stored;

  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <section
        aria-labelledby="key-status-title"
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        data-testid="key-status"
      >
        <h2 id="key-status-title" className="text-base font-semibold">
          Mobivate API key
        </h2>
        {status.source === "env" && (
          <p className="mt-2 text-sm">
            The server&apos;s environment sets <code>MOBIVATE_API_KEY</code> (
            <span className="font-mono">{status.maskedKey}</span>, base URL{" "}
            <span className="font-mono">{status.baseUrl}</span>). It takes precedence: a key stored
            here is not used while that variable is set.
          </p>
        )}
        {status.source === "stored" && (
          <p className="mt-2 text-sm">
            In use: the stored key <span className="font-mono">{status.maskedKey}</span> with base
            URL <span className="font-mono">{status.baseUrl}</span>.
          </p>
        )}
        {status.source === "none" && (
          <p className="mt-2 text-sm text-amber-900">
            {status.undecryptable
              ? "A key is stored but cannot be decrypted with the current DASHBOARD_SECRET (was it changed?). Enter the key again."
              : "No key is configured: the dashboard cannot read messages until one is stored here (or MOBIVATE_API_KEY is set)."}
          </p>
        )}
        {stored && (
          <p className="mt-1 text-xs text-slate-600">
            Stored key {stored.maskedKey}, saved {formatInZone(stored.updatedAt.getTime(), "UTC")}{" "}
            UTC
            {stored.updatedByEmail ? ` by ${stored.updatedByEmail}` : ""}.
          </p>
        )}
      </section>
      <ApiKeyForm
        baseUrl={stored?.baseUrl ?? (status.source === "env" ? status.baseUrl : DEFAULT_BASE_URL)}
        hasStoredKey={Boolean(stored)}
      />
    </div>
  );
}
