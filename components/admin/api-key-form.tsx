"use client";

import { useId, useRef } from "react";
import { clearKeyAction, saveKeyAction, testKeyAction } from "@/lib/settings/actions";
import { NoticeText, useActionNotice } from "@/components/ui/action-notice";
import { FormCard, SubmitButton, TextField } from "@/components/ui/form-controls";
import { secondaryButton } from "@/components/ui/form-styles";

/**
 * Enter, test, save or remove the stored key. The key field is never filled in from the
 * server (the browser never receives the key); it is cleared after saving.
 */
export function ApiKeyForm({ baseUrl, hasStoredKey }: { baseUrl: string; hasStoredKey: boolean }) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const { pending, notice, setNotice, run, refuse } = useActionNotice();

  function values() {
    const data = new FormData(form.current ?? undefined);
    return { baseUrl: String(data.get("baseUrl") ?? ""), apiKey: String(data.get("apiKey") ?? "") };
  }

  // The schemas (zod) load on the first send, not with the page.
  const schemas = () => import("@/lib/settings/schemas");

  async function test() {
    const input = values();
    const { testKeySchema } = await schemas();
    const parsed = testKeySchema.safeParse(input);
    if (!parsed.success) return refuse(parsed.error, "Check the form.");
    setNotice({ error: false, text: "Asking Mobivate…" });
    run(
      () => testKeyAction(parsed.data),
      (data) => data.message,
    );
  }

  async function save() {
    const input = values();
    const { saveKeySchema } = await schemas();
    const parsed = saveKeySchema.safeParse(input);
    if (!parsed.success) return refuse(parsed.error, "Check the form.");
    run(
      () => saveKeyAction(parsed.data),
      (data) => `Saved (${data.maskedKey}). It is used from now on, on every instance.`,
      () => {
        const key = form.current?.elements.namedItem("apiKey");
        if (key instanceof HTMLInputElement) key.value = "";
      },
    );
  }

  function clear() {
    run(clearKeyAction, () => "The stored key was removed.");
  }

  return (
    <FormCard title={hasStoredKey ? "Replace the stored key" : "Store an API key"}>
      <form
        ref={form}
        noValidate
        className="mt-3 grid max-w-xl gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          id={`${id}-url`}
          label="API base URL"
          name="baseUrl"
          type="url"
          defaultValue={baseUrl}
          className="w-full"
          hint={
            <>
              https:// only (plain http:// only for this machine, e.g. the local sandbox). The key
              is sent there, so link-local and cloud metadata addresses are refused.
            </>
          }
        />
        <TextField
          id={`${id}-key`}
          label="API key"
          name="apiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          className="w-full font-mono"
          hint={
            <>
              Stored encrypted; afterwards only its last 4 characters are shown. Leave it empty and
              press Test key to test the key in use now.
            </>
          }
        />
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => void test()}
            disabled={pending}
            className={secondaryButton}
          >
            Test key
          </button>
          <SubmitButton pending={pending}>Save key</SubmitButton>
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
      <NoticeText notice={notice} className="mt-3" testId="key-message" />
    </FormCard>
  );
}
