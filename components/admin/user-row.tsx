"use client";

import { useId, useState } from "react";
import {
  changeRoleAction,
  resetPasswordAction,
  setDisabledAction,
  unlockUserAction,
} from "@/lib/users/actions";
import type { ActionResult } from "@/lib/action-result";
import { isRole, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import type { UserSummary } from "@/lib/auth/users";
import { NoticeText, useActionNotice } from "@/components/ui/action-notice";
import { SubmitButton, TextField } from "@/components/ui/form-controls";
import { inputClass, secondaryButton } from "@/components/ui/form-styles";

/** "04:52 UTC": the same text on the server and in the browser (no hydration mismatch). */
function utcTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/**
 * One user: role, password reset, enable/disable, and unlock while too many wrong passwords
 * lock the account. Each change is its own server action.
 */
export function UserRow({
  user,
  isSelf,
  lockedUntil,
}: {
  user: UserSummary;
  isSelf: boolean;
  /** ISO instant the sign-in lock ends, or null when not locked. */
  lockedUntil: string | null;
}) {
  const id = useId();
  const { pending, notice, setNotice, run: runAction, refuse } = useActionNotice();
  const [resetting, setResetting] = useState(false);

  function run(call: () => Promise<ActionResult<UserSummary>>, success: string) {
    setNotice(null);
    runAction(
      call,
      () => success,
      () => setResetting(false),
    );
  }

  // Every button in the row: one action at a time, so none is pressed while another runs.
  const rowButton = (label: string, onClick: () => void) => (
    <button type="button" className={secondaryButton} disabled={pending} onClick={onClick}>
      {label}
    </button>
  );

  return (
    <tr className="border-t border-slate-200 align-top" data-testid={`user-${user.email}`}>
      <td className="px-3 py-2">
        <div className="font-medium">{user.email}</div>
        <div className="text-xs text-slate-600">{user.name}</div>
      </td>
      <td className="px-3 py-2">
        <label htmlFor={`${id}-role`} className="sr-only">
          Role of {user.email}
        </label>
        <select
          id={`${id}-role`}
          value={user.role}
          disabled={pending}
          className={inputClass}
          onChange={(e) => {
            const role = e.target.value;
            if (!isRole(role)) return;
            run(
              () => changeRoleAction({ userId: user.id, role }),
              `Role changed to ${ROLE_LABELS[role]}.`,
            );
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td className="px-3 py-2">
        <span className={user.disabled ? "font-medium text-red-800" : "text-green-800"}>
          {user.disabled ? "Disabled" : "Active"}
        </span>
        {lockedUntil && (
          <div className="text-xs font-medium text-amber-900" data-testid="locked">
            Locked (wrong passwords) until{" "}
            <time dateTime={lockedUntil}>{utcTime(lockedUntil)}</time>
          </div>
        )}
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={secondaryButton}
            disabled={pending}
            aria-expanded={resetting}
            onClick={() => setResetting((v) => !v)}
          >
            Reset password
          </button>
          {lockedUntil &&
            rowButton("Unlock", () =>
              run(() => unlockUserAction({ userId: user.id }), "Unlocked: they can sign in again."),
            )}
          {!isSelf &&
            rowButton(user.disabled ? "Enable" : "Disable", () =>
              run(
                () => setDisabledAction({ userId: user.id, disabled: !user.disabled }),
                user.disabled ? "Enabled." : "Disabled; their sessions have ended.",
              ),
            )}
        </div>
        {resetting && (
          <form
            noValidate
            className="mt-2 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const password = new FormData(e.currentTarget).get("password");
              // The schema (zod) loads on the first send, not with the page.
              void import("@/lib/auth/user-schemas").then(({ passwordSchema }) => {
                const parsed = passwordSchema.safeParse(password);
                if (!parsed.success) return refuse(parsed.error, "Check the password.");
                run(
                  () => resetPasswordAction({ userId: user.id, password: parsed.data }),
                  "Password reset; their sessions have ended.",
                );
              });
            }}
          >
            <TextField
              id={`${id}-pw`}
              label={`New password for ${user.email}`}
              name="password"
              type="password"
              autoComplete="new-password"
            />
            <SubmitButton pending={pending} className={secondaryButton}>
              Set password
            </SubmitButton>
          </form>
        )}
        {notice && <NoticeText notice={notice} className="mt-1" />}
      </td>
    </tr>
  );
}
