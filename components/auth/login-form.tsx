"use client";

import { useActionState, useId } from "react";
import { loginAction, type LoginState } from "@/lib/auth/actions";
import { SubmitButton, TextField } from "@/components/ui/form-controls";
import { largePrimaryButton } from "@/components/ui/form-styles";

function retryWords(iso: string, unlockable: boolean): string {
  const at = new Date(iso);
  const minutes = Math.max(1, Math.ceil((at.getTime() - Date.now()) / 60_000));
  const time = at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  const when = `Try again after ${time} (in ${minutes} minute${minutes === 1 ? "" : "s"})`;
  // An address lock has no admin override (it protects every account from one source).
  return unlockable ? `${when}, or ask an admin to unlock your account.` : `${when}.`;
}

export function LoginForm({ next }: { next: string | null }) {
  const id = useId();
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {
    error: null,
  });
  // The error below names no field (which one was wrong is not said): it marks both invalid.
  const invalid = Boolean(state.error);

  return (
    <form
      action={action}
      className="mt-6 space-y-4"
      aria-describedby={state.error ? `${id}-error` : undefined}
    >
      {next && <input type="hidden" name="next" value={next} />}
      <TextField
        id={`${id}-email`}
        label="Email"
        look="large"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.email}
        invalid={invalid}
      />
      <TextField
        id={`${id}-password`}
        label="Password"
        look="large"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        invalid={invalid}
      />
      {state.error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-800">
          {state.error}
          {state.retryAt && ` ${retryWords(state.retryAt, state.unlockable === true)}`}
        </p>
      )}
      <SubmitButton pending={pending} pendingLabel="Signing in…" className={largePrimaryButton}>
        Sign in
      </SubmitButton>
    </form>
  );
}
