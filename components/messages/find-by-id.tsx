"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { TextField } from "@/components/ui/form-controls";
import { isMessageIdShape, MESSAGE_ID_HINT } from "@/lib/messages/id";

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
        if (!isMessageIdShape(clean)) {
          setError(MESSAGE_ID_HINT);
          return;
        }
        setError(null);
        router.push(`/messages/${encodeURIComponent(clean.toUpperCase())}?${query}`);
      }}
    >
      <TextField
        id={id}
        label="Find by id"
        look="code"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Message id"
        error={error}
        className="w-72"
      />
      <button
        type="submit"
        className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        Open
      </button>
    </form>
  );
}
