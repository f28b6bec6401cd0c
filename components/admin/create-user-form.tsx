"use client";

import { useId, useRef } from "react";
import { createUserAction } from "@/lib/users/actions";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { MIN_PASSWORD } from "@/lib/auth/password-rules";
import { NoticeText, useActionNotice } from "@/components/ui/action-notice";
import { Field, FormCard, SubmitButton, TextField } from "@/components/ui/form-controls";
import { hintClass, inputClass } from "@/components/ui/form-styles";

export function CreateUserForm() {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const { pending, notice, setNotice, run, refuse } = useActionNotice();

  return (
    <FormCard title="Add a user">
      <form
        ref={form}
        noValidate
        className="mt-2 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const data = Object.fromEntries(new FormData(e.currentTarget));
          // The schemas (zod) load on the first send, not with the page.
          void import("@/lib/auth/user-schemas").then(({ createUserSchema }) => {
            const parsed = createUserSchema.safeParse(data);
            if (!parsed.success) return refuse(parsed.error, "Check the form.");
            setNotice(null);
            run(
              () => createUserAction(parsed.data),
              (u) => `${u.email} can now sign in as ${ROLE_LABELS[u.role]}.`,
              () => form.current?.reset(),
            );
          });
        }}
      >
        <TextField
          id={`${id}-email`}
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          className="w-64"
        />
        <TextField id={`${id}-name`} label="Name" name="name" autoComplete="off" className="w-48" />
        <Field id={`${id}-role`} label="Role">
          <select
            id={`${id}-role`}
            name="role"
            defaultValue="support"
            className={`${inputClass} max-w-full`}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}: {ROLE_DESCRIPTIONS[r]}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          id={`${id}-password`}
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-describedby={`${id}-hint`}
          className="w-52"
        />
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add user
        </SubmitButton>
      </form>
      <p id={`${id}-hint`} className={hintClass}>
        At least {MIN_PASSWORD} characters. Give it to the person in a private channel.
      </p>
      <NoticeText notice={notice} className="mt-2" />
    </FormCard>
  );
}
