"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { NoticeText, useActionNotice } from "@/components/ui/action-notice";
import { FormCard, SubmitButton, TextField } from "@/components/ui/form-controls";
import { primaryButton, secondaryButton } from "@/components/ui/form-styles";
import { syncNowAction, wipeMirrorAction } from "@/lib/mirror/actions";
import { WIPE_CONFIRMATION } from "@/lib/mirror/wipe-confirmation";

// The Sync page's live part: it asks /api/sync/status every few seconds (every 2 s while a
// cycle runs) and refreshes the server-rendered page when anything changed, so progress shows
// without reloading; and the two admin buttons.

export function SyncAutoRefresh({ running }: { running: boolean }) {
  const router = useRouter();
  const last = useRef<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const res = await fetch("/api/sync/status", { cache: "no-store" });
        if (!res.ok || stopped) return;
        const text = await res.text();
        if (last.current !== null && text !== last.current) router.refresh();
        last.current = text;
      } catch {
        // The next poll tries again; the page still shows the last state.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), running ? 2_000 : 10_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, running]);
  return null;
}

export function SyncNowButton({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const { pending, notice, run } = useActionNotice();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        className={primaryButton}
        disabled={pending || !enabled}
        onClick={() =>
          run(
            () => syncNowAction({}),
            (d) => d.message,
            () => router.refresh(),
          )
        }
      >
        {pending ? "Starting…" : "Sync now"}
      </button>
      <NoticeText notice={notice} testId="sync-now-notice" />
    </div>
  );
}

export function WipeMirrorForm() {
  const router = useRouter();
  const [confirm, setConfirm] = useState("");
  const { pending, notice, run } = useActionNotice();
  return (
    <FormCard title="Wipe the local copy">
      <form
        className="mt-2 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => wipeMirrorAction({ confirm }),
            (d) => d.message,
            () => {
              setConfirm("");
              router.refresh();
            },
          );
        }}
      >
        <p className="text-sm text-slate-700">
          Deletes every copied message and opt-out from this dashboard&apos;s database (nothing
          changes at Mobivate). Pages read live until the next sync has copied the days again.
        </p>
        <TextField
          id="wipe-confirm"
          label={`Type "${WIPE_CONFIRMATION}" to confirm`}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          autoComplete="off"
          className="w-40"
        />
        <SubmitButton pending={pending} pendingLabel="Wiping…" className={secondaryButton}>
          Wipe the local copy
        </SubmitButton>
        <NoticeText notice={notice} testId="wipe-notice" />
      </form>
    </FormCard>
  );
}
