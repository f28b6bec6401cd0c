"use client";

import { useId, useRef, useState } from "react";
import { numberSearchSchema } from "@/lib/filters/optouts";

/**
 * Number search (all time, or the chosen days: SearchScope). Submitting puts the text in the URL (`number`); the
 * parent keys this component by that value, so back/forward resets the box to the URL.
 */
export function NumberSearch({
  value,
  onSearch,
}: {
  value: string | undefined;
  onSearch: (number: string | undefined) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      role="search"
      aria-label="Opt-outs by number"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const text = String(new FormData(e.currentTarget).get("number") ?? "");
        if (text.trim() === "") {
          setError(null);
          onSearch(undefined);
          return;
        }
        const parsed = numberSearchSchema.safeParse(text);
        if (!parsed.success) {
          setError(parsed.error.issues[0]?.message ?? "Check the number");
          return;
        }
        setError(null);
        onSearch(parsed.data);
      }}
      className="flex flex-col"
    >
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        Search number
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          type="search"
          name="number"
          inputMode="tel"
          autoComplete="off"
          placeholder="e.g. 4477 or +61412…"
          ref={input}
          defaultValue={value ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-9 w-52 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm placeholder:text-slate-500 hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
        />
        <button
          type="submit"
          className="h-9 rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Search
        </button>
        {value !== undefined && (
          <button
            type="button"
            onClick={() => {
              if (input.current) input.current.value = "";
              setError(null);
              onSearch(undefined);
            }}
            className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Clear
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 max-w-xs text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}

/** Where the number search looks: every opt-out ever (the default) or the chosen days. */
export function SearchScope({
  scope,
  onChange,
}: {
  scope: "all" | "days";
  onChange: (scope: "all" | "days") => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        Search in
      </label>
      <select
        id={id}
        value={scope}
        onChange={(e) => onChange(e.target.value === "days" ? "days" : "all")}
        className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <option value="all">All time</option>
        <option value="days">The chosen days</option>
      </select>
    </div>
  );
}
