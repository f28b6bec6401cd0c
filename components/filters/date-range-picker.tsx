"use client";

import dynamic from "next/dynamic";
import { useId, useRef, useState } from "react";
import type { DateRange } from "react-day-picker";
import "react-day-picker/style.css";
import { useDismiss } from "@/components/ui/use-dismiss";
import { formatDayRange } from "@/lib/time/label";
import { FIRST_DAY } from "@/lib/time/schemas";
import { PRESETS, presetRange, todayInZone, type PresetName } from "@/lib/time/presets";

export { formatDayRange };

// The calendar is a large part of a filtered page's script and is needed only once the panel
// opens (the presets work without it): it loads then.
const DayPicker = dynamic(() => import("react-day-picker").then((m) => m.DayPicker), {
  ssr: false,
  loading: () => (
    <div
      aria-hidden="true"
      className="h-72 w-[34rem] max-w-full animate-pulse rounded bg-slate-100"
    />
  ),
});

// The picker works on calendar days; a Date here is only a (year, month, day) carrier in
// the browser's local calendar, never an instant. Instants come from `tz` on the server.
function dayToDate(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

function dateToDay(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, "0");
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function DateRangePicker({
  from,
  to,
  tz,
  onChange,
}: {
  from: string;
  to: string;
  tz: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<DateRange | undefined>();
  // The first click in a session starts a new range, the second ends it (in either order),
  // whatever was selected before: predictable with a mouse and with the keyboard.
  const [anchor, setAnchor] = useState<Date | null>(null);
  const pick = (_range: DateRange | undefined, day: Date) => {
    if (!anchor) {
      setAnchor(day);
      setDraft({ from: day, to: undefined });
    } else {
      const [a, b] = anchor <= day ? [anchor, day] : [day, anchor];
      setAnchor(null);
      setDraft({ from: a, to: b });
    }
  };
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useDismiss(open, wrapper, (how) => {
    setOpen(false);
    if (how === "escape") button.current?.focus();
  });

  const apply = (range: { from: string; to: string }) => {
    onChange(range);
    setOpen(false);
    button.current?.focus();
  };

  const today = dayToDate(todayInZone(tz));

  return (
    <div ref={wrapper} className="relative">
      <span className="mb-1 block text-xs font-medium text-slate-600" id={`${panelId}-label`}>
        Days
      </span>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${panelId}-label ${panelId}-value`}
        onClick={() => {
          setDraft({ from: dayToDate(from), to: dayToDate(to) });
          setAnchor(null);
          setOpen((o) => !o);
        }}
        className="flex h-9 min-w-56 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-left text-sm shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="size-4 text-slate-500"
          fill="currentColor"
        >
          <path d="M6 2a1 1 0 0 1 1 1v1h6V3a1 1 0 1 1 2 0v1h1a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h1V3a1 1 0 0 1 1-1Zm10 6H4v8h12V8Z" />
        </svg>
        <span id={`${panelId}-value`} data-testid="range-label">
          {formatDayRange(from, to)}
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="Choose days"
          className="absolute left-0 z-30 mt-2 flex w-max max-w-[calc(100vw-2rem)] flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-xl sm:flex-row"
        >
          <ul className="flex flex-row flex-wrap gap-1 sm:w-36 sm:flex-col" aria-label="Presets">
            {PRESETS.map((p) => (
              <li key={p.name}>
                <button
                  type="button"
                  onClick={() => apply(presetRange(p.name as PresetName, tz))}
                  className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
          <div>
            <DayPicker
              mode="range"
              numberOfMonths={2}
              // Show the month of the last day and the one before it; never the future.
              defaultMonth={new Date(dayToDate(to).getFullYear(), dayToDate(to).getMonth() - 1, 1)}
              startMonth={dayToDate(FIRST_DAY)}
              endMonth={today}
              selected={draft}
              onSelect={pick}
              today={today}
              // The one span of days (lib/time/schemas) and never the future.
              disabled={[{ before: dayToDate(FIRST_DAY) }, { after: today }]}
              weekStartsOn={1}
            />
            <div className="flex items-center justify-end gap-2 border-t border-slate-100 pt-2">
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                Cancel
              </button>
              <button
                type="button"
                disabled={!draft?.from}
                onClick={() => {
                  if (!draft?.from) return;
                  apply({ from: dateToDay(draft.from), to: dateToDay(draft.to ?? draft.from) });
                }}
                className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                Apply
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
