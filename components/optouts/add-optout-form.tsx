"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { addOptOutAction, type AddedOptOut } from "@/lib/optouts/actions";
import { mobileInputSchema } from "@/lib/filters/optouts";
import { formatInZone } from "@/lib/time/format";
import { zoneLabel } from "@/lib/time/zones";
import { OPTOUTS_QUERY_KEY } from "./use-optout-rows";

/**
 * Opts a number out. The number is checked here first (same zod schema as the server action)
 * so typos are caught without a round trip; anything the API still refuses is shown in the
 * API's own words.
 */
export function AddOptOutForm({
  tz,
  range,
}: {
  tz: string;
  /** The instants shown, to say when the new opt-out falls outside them. */
  range: { startMs: number; endMs: number };
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<AddedOptOut | null>(null);

  const mutation = useMutation({
    mutationFn: (mobile: string) => addOptOutAction({ mobile }),
    onSuccess: async (result) => {
      if (!result.ok) {
        setError(result.error.message);
        input.current?.focus();
        return;
      }
      setAdded(result.data);
      form.current?.reset();
      await queryClient.invalidateQueries({ queryKey: OPTOUTS_QUERY_KEY });
    },
    onError: () => setError("The dashboard server could not be reached. Try again."),
  });

  const outside = added && (added.created < range.startMs || added.created >= range.endMs);

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Add an opt-out
      </h2>
      <form
        ref={form}
        noValidate
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setAdded(null);
          const parsed = mobileInputSchema.safeParse(new FormData(e.currentTarget).get("mobile"));
          if (!parsed.success) {
            setError(parsed.error.issues[0]?.message ?? "Check the number");
            input.current?.focus();
            return;
          }
          setError(null);
          mutation.mutate(parsed.data);
        }}
      >
        <div>
          <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
            Mobile number
          </label>
          <input
            ref={input}
            id={id}
            name="mobile"
            type="tel"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            className="h-9 w-60 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600 aria-invalid:border-red-600"
          />
        </div>
        <button
          type="submit"
          disabled={mutation.isPending}
          className="h-9 rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          {mutation.isPending ? "Adding…" : "Add opt-out"}
        </button>
      </form>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        International format with the country code, e.g. +44 7700 900123 (a number starting with 0
        is read in the dashboard&apos;s default country, if one is set). The number will no longer
        receive messages.
      </p>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      <p role="status" className="mt-2 text-sm text-green-800">
        {added &&
          `${added.mobile} ${added.alreadyOptedOut ? "was already opted out: nothing changed" : "is opted out"} (since ${formatInZone(added.created, tz, "display")}, ${zoneLabel(tz, added.created)})${
            outside ? ". That is outside the days shown, so it is not in the table below." : "."
          }`}
      </p>
    </section>
  );
}
