"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { removeOptOutAction } from "@/lib/optouts/actions";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import type { OptOut } from "@/lib/mobivate/types";
import { OPTOUTS_QUERY_KEY } from "./use-optout-rows";

/**
 * Confirmation before removing an opt-out, in a native modal `<dialog>`: the browser traps
 * focus, makes the page behind inert and closes on Escape. Cancel comes first, so it gets
 * the initial focus: removal lets the number receive messages again.
 */
export function RemoveOptOutDialog({
  target,
  onClose,
  onRemoved,
}: {
  target: OptOut | null;
  onClose: () => void;
  onRemoved: (removed: OptOut) => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  const mutation = useMutation({
    mutationFn: (mobile: string) => removeOptOutAction({ mobile }),
    onSuccess: async (result) => {
      // Refresh either way: a "not opted out" answer means the list was stale.
      const refresh = queryClient.invalidateQueries({ queryKey: OPTOUTS_QUERY_KEY });
      if (!result.ok) {
        setError(result.error);
        await refresh;
        return;
      }
      onRemoved(result.data);
      await refresh;
    },
    onError: () =>
      setError({ kind: "unreachable", message: "The dashboard server could not be reached." }),
  });

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (target && !el.open) {
      setError(null);
      mutation.reset();
      el.showModal();
    } else if (!target && el.open) {
      el.close();
    }
    // `mutation` changes identity every render; only `target` decides opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const pending = mutation.isPending;

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      // Escape and the Cancel button both end here.
      onClose={onClose}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-2xl backdrop:bg-slate-900/50"
    >
      {target && (
        <>
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Remove the opt-out of {target.mobile}?
          </h2>
          <p id={`${id}-desc`} className="mt-2 text-sm text-slate-700">
            <strong className="tabular-nums">{target.mobile}</strong> will be able to receive
            messages again. Only do this if the person asked to hear from you again.
          </p>
          {error && (
            <p role="alert" className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-900">
              {error.message}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => dialog.current?.close()}
              className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm hover:border-slate-400 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              Cancel
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => mutation.mutate(target.mobile)}
              className="h-9 rounded-md bg-red-700 px-3 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
            >
              {pending ? "Removing…" : "Remove opt-out"}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
