"use client";

import { useId, useState, useTransition } from "react";
import {
  changeRoleAction,
  resetPasswordAction,
  setDisabledAction,
  unlockUserAction,
} from "@/lib/users/actions";
import type { ActionResult } from "@/lib/action-result";
import { isRole, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { passwordSchema } from "@/lib/auth/user-schemas";
import type { UserSummary } from "@/lib/auth/users";
import { inputClass, secondaryButton } from "./styles";

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
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [resetting, setResetting] = useState(false);

  function run(call: () => Promise<ActionResult<UserSummary>>, success: string) {
    setMessage(null);
    start(async () => {
      const result = await call().catch(() => null);
      if (!result) setMessage({ error: true, text: "The server could not be reached. Try again." });
      else if (!result.ok) setMessage({ error: true, text: result.error.message });
      else {
        setMessage({ error: false, text: success });
        setResetting(false);
      }
    });
  }

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
          {lockedUntil && (
            <button
              type="button"
              className={secondaryButton}
              disabled={pending}
              onClick={() =>
                run(
                  () => unlockUserAction({ userId: user.id }),
                  "Unlocked: they can sign in again.",
                )
              }
            >
              Unlock
            </button>
          )}
          {!isSelf && (
            <button
              type="button"
              className={secondaryButton}
              disabled={pending}
              onClick={() =>
                run(
                  () => setDisabledAction({ userId: user.id, disabled: !user.disabled }),
                  user.disabled ? "Enabled." : "Disabled; their sessions have ended.",
                )
              }
            >
              {user.disabled ? "Enable" : "Disable"}
            </button>
          )}
        </div>
        {resetting && (
          <form
            noValidate
            className="mt-2 flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const parsed = passwordSchema.safeParse(
                new FormData(e.currentTarget).get("password"),
              );
              if (!parsed.success) {
                setMessage({
                  error: true,
                  text: parsed.error.issues[0]?.message ?? "Check the password.",
                });
                return;
              }
              run(
                () => resetPasswordAction({ userId: user.id, password: parsed.data }),
                "Password reset; their sessions have ended.",
              );
            }}
          >
            <div>
              <label htmlFor={`${id}-pw`} className="mb-1 block text-xs text-slate-600">
                New password for {user.email}
              </label>
              <input
                id={`${id}-pw`}
                name="password"
                type="password"
                autoComplete="new-password"
                className={inputClass}
              />
            </div>
            <button type="submit" className={secondaryButton} disabled={pending}>
              Set password
            </button>
          </form>
        )}
        {message && (
          <p
            role={message.error ? "alert" : "status"}
            className={`mt-1 text-sm ${message.error ? "font-medium text-red-800" : "text-green-800"}`}
          >
            {message.text}
          </p>
        )}
      </td>
    </tr>
  );
}
