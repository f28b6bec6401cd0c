"use client";

import { useId, useState } from "react";
import type { FilterPatch } from "@/components/filters/use-url-filters";
import { KNOWN_STATUSES } from "@/lib/mobivate/statuses";
import type { MessageSearch } from "@/lib/search/message-filter";
import { TextField } from "@/components/ui/form-controls";
import { statusLabel } from "@/components/ui/status-badge";

/**
 * Search over the whole range (the API itself can only page by time): number, statuses,
 * text, campaign, route. Applied on submit so typing does not start a whole-range read per
 * keystroke; the URL keeps the search (`number`, `status`…, `q`, `campaign`, `route`).
 */
export function SearchPanel({
  search,
  onSearch,
}: {
  search: MessageSearch;
  onSearch: (patch: FilterPatch) => void;
}) {
  const id = useId();
  const [number, setNumber] = useState(search.number ?? "");
  const [q, setQ] = useState(search.q ?? "");
  const [campaign, setCampaign] = useState(search.campaign ?? "");
  const [route, setRoute] = useState(search.route ?? "");
  const [statuses, setStatuses] = useState<string[]>(search.status ?? []);
  const active = Boolean(
    search.number || search.q || search.campaign || search.route || search.status,
  );

  const toggle = (s: string) =>
    setStatuses((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  return (
    <form
      role="search"
      aria-label="Search messages in the whole range"
      className="rounded-lg border border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch({ number, q, campaign, route, status: statuses, page: undefined });
      }}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1.5fr_1fr_1fr_auto]">
        <TextField
          id={`${id}-number`}
          label="Phone number or sender"
          name="number"
          inputMode="tel"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="+44 7700 900123"
          className="w-full"
        />
        <TextField
          id={`${id}-q`}
          label="Text in message"
          name="q"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="w-full"
        />
        <TextField
          id={`${id}-campaign`}
          label="Campaign id"
          name="campaign"
          value={campaign}
          onChange={(e) => setCampaign(e.target.value)}
          className="w-full"
        />
        <TextField
          id={`${id}-route`}
          label="Route"
          name="route"
          value={route}
          onChange={(e) => setRoute(e.target.value)}
          className="w-full"
        />
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="h-9 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            Search
          </button>
          {active && (
            <button
              type="button"
              onClick={() => {
                setNumber("");
                setQ("");
                setCampaign("");
                setRoute("");
                setStatuses([]);
                onSearch({
                  number: null,
                  q: null,
                  campaign: null,
                  route: null,
                  status: null,
                  page: undefined,
                });
              }}
              className="h-9 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              Clear
            </button>
          )}
        </div>
      </div>
      <details className="mt-2" open={statuses.length > 0 || undefined}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">
          Status{statuses.length ? ` (${statuses.length} selected)` : ": any"}
        </summary>
        <fieldset className="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-3 lg:grid-cols-5">
          <legend className="sr-only">Statuses to include</legend>
          {[
            ...KNOWN_STATUSES,
            ...statuses.filter((s) => !(KNOWN_STATUSES as readonly string[]).includes(s)),
          ].map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm" title={s}>
              <input
                type="checkbox"
                name="status"
                value={s}
                checked={statuses.includes(s)}
                onChange={() => toggle(s)}
                className="size-4 accent-brand-700"
              />
              {statusLabel(s)}
            </label>
          ))}
        </fieldset>
      </details>
    </form>
  );
}
