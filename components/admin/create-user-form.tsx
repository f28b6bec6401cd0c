"use client";

import { useId, useRef, useState, useTransition } from "react";
import { createUserAction } from "@/lib/users/actions";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { createUserSchema, MIN_PASSWORD } from "@/lib/auth/user-schemas";
import { cardClass, inputClass, labelClass, primaryButton } from "./styles";

export function CreateUserForm() {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();

  return (
    <section aria-labelledby={`${id}-title`} className={cardClass}>
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Add a user
      </h2>
      <form
        ref={form}
        noValidate
        className="mt-2 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          const data = Object.fromEntries(new FormData(e.currentTarget));
          const parsed = createUserSchema.safeParse(data);
          if (!parsed.success) {
            setError(parsed.error.issues[0]?.message ?? "Check the form.");
            return;
          }
          setError(null);
          start(async () => {
            const result = await createUserAction(parsed.data).catch(() => null);
            if (!result) return setError("The dashboard server could not be reached. Try again.");
            if (!result.ok) return setError(result.error.message);
            setDone(`${result.data.email} can now sign in as ${ROLE_LABELS[result.data.role]}.`);
            form.current?.reset();
          });
        }}
      >
        <div>
          <label htmlFor={`${id}-email`} className={labelClass}>
            Email
          </label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="off"
            className={`${inputClass} w-64`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-name`} className={labelClass}>
            Name
          </label>
          <input
            id={`${id}-name`}
            name="name"
            autoComplete="off"
            className={`${inputClass} w-48`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-role`} className={labelClass}>
            Role
          </label>
          <select id={`${id}-role`} name="role" defaultValue="support" className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}: {ROLE_DESCRIPTIONS[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-password`} className={labelClass}>
            Initial password
          </label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-hint`}
            className={`${inputClass} w-52`}
          />
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Adding…" : "Add user"}
        </button>
      </form>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        At least {MIN_PASSWORD} characters. Give it to the person in a private channel.
      </p>
      {error && (
        <p role="alert" className="mt-2 text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      <p role="status" className="mt-2 text-sm text-green-800">
        {done}
      </p>
    </section>
  );
}
