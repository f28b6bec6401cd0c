"use client";

import { useId, useRef, useState, useTransition } from "react";
import { clearKeyAction, saveKeyAction, testKeyAction } from "@/lib/settings/actions";
import { saveKeySchema, testKeySchema } from "@/lib/settings/schemas";
import { cardClass, inputClass, labelClass, primaryButton, secondaryButton } from "./styles";

type Message = { error: boolean; text: string } | null;

/**
 * Enter, test, save or remove the stored key. The key field is never filled in from the
 * server (the browser never receives the key); it is cleared after saving.
 */
export function ApiKeyForm({ baseUrl, hasStoredKey }: { baseUrl: string; hasStoredKey: boolean }) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<Message>(null);

  function values() {
    const data = new FormData(form.current ?? undefined);
    return { baseUrl: String(data.get("baseUrl") ?? ""), apiKey: String(data.get("apiKey") ?? "") };
  }

  function test() {
    const parsed = testKeySchema.safeParse(values());
    if (!parsed.success)
      return setMessage({
        error: true,
        text: parsed.error.issues[0]?.message ?? "Check the form.",
      });
    setMessage({ error: false, text: "Asking Mobivate…" });
    start(async () => {
      const r = await testKeyAction(parsed.data).catch(() => null);
      if (!r)
        setMessage({ error: true, text: "The dashboard server could not be reached. Try again." });
      else
        setMessage(
          r.ok ? { error: false, text: r.data.message } : { error: true, text: r.error.message },
        );
    });
  }

  function save() {
    const parsed = saveKeySchema.safeParse(values());
    if (!parsed.success)
      return setMessage({
        error: true,
        text: parsed.error.issues[0]?.message ?? "Check the form.",
      });
    start(async () => {
      const r = await saveKeyAction(parsed.data).catch(() => null);
      if (!r)
        return setMessage({
          error: true,
          text: "The dashboard server could not be reached. Try again.",
        });
      if (!r.ok) return setMessage({ error: true, text: r.error.message });
      const key = form.current?.elements.namedItem("apiKey");
      if (key instanceof HTMLInputElement) key.value = "";
      setMessage({
        error: false,
        text: `Saved (${r.data.maskedKey}). It is used from now on, on every instance.`,
      });
    });
  }

  function clear() {
    start(async () => {
      const r = await clearKeyAction().catch(() => null);
      if (!r)
        return setMessage({
          error: true,
          text: "The dashboard server could not be reached. Try again.",
        });
      setMessage(
        r.ok
          ? { error: false, text: "The stored key was removed." }
          : { error: true, text: r.error.message },
      );
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className={cardClass}>
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {hasStoredKey ? "Replace the stored key" : "Store an API key"}
      </h2>
      <form
        ref={form}
        noValidate
        className="mt-3 grid max-w-xl gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div>
          <label htmlFor={`${id}-url`} className={labelClass}>
            API base URL
          </label>
          <input
            id={`${id}-url`}
            name="baseUrl"
            type="url"
            defaultValue={baseUrl}
            aria-describedby={`${id}-url-hint`}
            className={`${inputClass} w-full`}
          />
          <p id={`${id}-url-hint`} className="mt-1 text-xs text-slate-600">
            https:// only (plain http:// only for this machine, e.g. the local sandbox). The key is
            sent there, so link-local and cloud metadata addresses are refused.
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-key`} className={labelClass}>
            API key
          </label>
          <input
            id={`${id}-key`}
            name="apiKey"
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
            className={`${inputClass} w-full font-mono`}
          />
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
            Stored encrypted; afterwards only its last 4 characters are shown. Leave it empty and
            press Test key to test the key in use now.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={test} disabled={pending} className={secondaryButton}>
            Test key
          </button>
          <button type="submit" disabled={pending} className={primaryButton}>
            Save key
          </button>
          {hasStoredKey && (
            <button
              type="button"
              onClick={clear}
              disabled={pending}
              className={`${secondaryButton} ml-auto`}
            >
              Remove stored key
            </button>
          )}
        </div>
      </form>
      <p
        role={message?.error ? "alert" : "status"}
        data-testid="key-message"
        className={`mt-3 text-sm ${message?.error ? "font-medium text-red-800" : "text-green-800"}`}
      >
        {message?.text}
      </p>
    </section>
  );
}
