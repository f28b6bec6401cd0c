"use client";

import { useState } from "react";

/** Shortens long text; the full text is one keyboard-reachable click away. */
export function ExpandableText({ text, limit = 80 }: { text: string; limit?: number }) {
  const [open, setOpen] = useState(false);
  if (text.length <= limit) return <span className="whitespace-pre-wrap break-words">{text}</span>;
  return (
    <span className="whitespace-pre-wrap break-words">
      {open ? text : `${text.slice(0, limit).trimEnd()}…`}{" "}
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="rounded text-xs font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {open ? "Show less" : "Show all"}
      </button>
    </span>
  );
}
