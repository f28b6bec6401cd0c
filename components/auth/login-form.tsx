"use client";

import { useActionState, useId } from "react";
import { loginAction, type LoginState } from "@/lib/auth/actions";

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
  const input =
    "h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600 aria-invalid:border-red-600";

  return (
    <form
      action={action}
      className="mt-6 space-y-4"
      aria-describedby={state.error ? `${id}-error` : undefined}
    >
      {next && <input type="hidden" name="next" value={next} />}
      <div>
        <label htmlFor={`${id}-email`} className="mb-1 block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          className={input}
        />
      </div>
      <div>
        <label htmlFor={`${id}-password`} className="mb-1 block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
          className={input}
        />
      </div>
      {state.error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-800">
          {state.error}
          {state.retryAt && ` ${retryWords(state.retryAt, state.unlockable === true)}`}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="h-10 w-full rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
