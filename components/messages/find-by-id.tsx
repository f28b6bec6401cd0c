"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/** Paste a message id (from a customer, a log, a webhook) and open it directly. */
export function FindById({ query }: { query: string }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      role="search"
      aria-label="Find a message by id"
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const clean = value.trim();
        if (!/^[\da-z]{8,64}$/i.test(clean)) {
          setError("A message id is letters and digits, e.g. 9A0C23DD0A000A9D2FBD4671D780AFDA.");
          return;
        }
        setError(null);
        router.push(`/messages/${encodeURIComponent(clean.toUpperCase())}?${query}`);
      }}
    >
      <div>
        <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
          Find by id
        </label>
        <input
          id={id}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="Message id"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-9 w-72 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs shadow-sm focus-visible:outline-2 focus-visible:outline-brand-600"
        />
        {error && (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        Open
      </button>
    </form>
  );
}
