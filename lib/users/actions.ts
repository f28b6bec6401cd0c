"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { AUDIT_MISSED_MESSAGE, AuditWriteError } from "@/lib/audit/audit-error";
import { recordAudit } from "@/lib/audit/record";
import { authSettings } from "@/lib/auth/env";
import { authorizedAction } from "@/lib/auth/action-client";
import { getCurrentUser } from "@/lib/auth/guards";
import { lockedAccounts, unlockAccount } from "@/lib/auth/throttle";
import {
  changeRoleSchema,
  createUserSchema,
  resetPasswordSchema,
  setDisabledSchema,
} from "@/lib/auth/user-schemas";
import {
  createUser,
  findUserById,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  toSummary,
  UserError,
  type UserSummary,
} from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { safeErrorText } from "@/lib/db/safe-error";

// Admin-only user management. Every action declares its permission to authorizedAction (the
// role is checked on every call, never trusting that the page was only shown to admins),
// validates with zod (a refusal in words: the first issue's message), audits, and returns
// words to show.

type Failure = Extract<ActionResult<never>, { ok: false }>;

function failed(err: unknown): Failure {
  // The user change is saved; only its audit entry is missing: say so, not "not saved".
  if (err instanceof AuditWriteError) {
    return { ok: false, error: { kind: "internal", message: AUDIT_MISSED_MESSAGE } };
  }
  if (err instanceof UserError) {
    return {
      ok: false,
      error: {
        kind: "bad-request",
        status: err.code === "not-found" ? 404 : 409,
        message: err.message,
      },
    };
  }
  console.error(`User management failed: ${safeErrorText(err)}`);
  return {
    ok: false,
    error: { kind: "internal", message: "The change could not be saved. Try again." },
  };
}

async function actor() {
  const user = await getCurrentUser();
  return user ? { id: user.id, email: user.email } : null;
}

export const createUserAction = authorizedAction(
  { permission: "users:manage", label: "createUser", input: createUserSchema },
  async (input): Promise<ActionResult<UserSummary>> => {
    try {
      const user = await createUser(await getDb(), input);
      await recordAudit({
        actor: await actor(),
        action: "user.create",
        target: user.email,
        details: { role: user.role, name: user.name },
        outcome: "success",
      });
      revalidatePath("/admin/users");
      return { ok: true, data: user };
    } catch (err) {
      return failed(err);
    }
  },
);

export const changeRoleAction = authorizedAction(
  { permission: "users:manage", label: "changeRole", input: changeRoleSchema },
  async (input): Promise<ActionResult<UserSummary>> => {
    try {
      const db = await getDb();
      const before = await findUserById(db, input.userId);
      const user = await setUserRole(db, input.userId, input.role);
      await recordAudit({
        actor: await actor(),
        action: "user.role_change",
        target: user.email,
        details: { from: before?.role ?? null, to: user.role },
        outcome: "success",
      });
      revalidatePath("/admin/users");
      return { ok: true, data: user };
    } catch (err) {
      return failed(err);
    }
  },
);

export const resetPasswordAction = authorizedAction(
  { permission: "users:manage", label: "resetPassword", input: resetPasswordSchema },
  async (input): Promise<ActionResult<UserSummary>> => {
    try {
      const user = await setUserPassword(await getDb(), input.userId, input.password);
      await recordAudit({
        actor: await actor(),
        action: "user.password_reset",
        target: user.email,
        details: { sessionsEnded: true },
        outcome: "success",
      });
      revalidatePath("/admin/users");
      return { ok: true, data: user };
    } catch (err) {
      return failed(err);
    }
  },
);

export const setDisabledAction = authorizedAction(
  { permission: "users:manage", label: "setDisabled", input: setDisabledSchema },
  async (input): Promise<ActionResult<UserSummary>> => {
    const me = await getCurrentUser();
    if (me && me.id === input.userId && input.disabled) {
      return {
        ok: false,
        error: {
          kind: "bad-request",
          status: 409,
          message: "You cannot disable your own account.",
        },
      };
    }
    try {
      const user = await setUserDisabled(await getDb(), input.userId, input.disabled);
      await recordAudit({
        actor: await actor(),
        action: input.disabled ? "user.disable" : "user.enable",
        target: user.email,
        details: input.disabled ? { sessionsEnded: true } : {},
        outcome: "success",
      });
      revalidatePath("/admin/users");
      return { ok: true, data: user };
    } catch (err) {
      return failed(err);
    }
  },
);

// The same user id rule as the other actions.
const unlockSchema = changeRoleSchema.pick({ userId: true });

/** Lifts a sign-in lock (too many wrong passwords) before its time runs out. */
export const unlockUserAction = authorizedAction(
  { permission: "users:manage", label: "unlockUser", input: unlockSchema },
  async (input): Promise<ActionResult<UserSummary>> => {
    try {
      const db = await getDb();
      const row = await findUserById(db, input.userId);
      if (!row) throw new UserError("not-found", "That user no longer exists.");
      const { limits } = authSettings();
      const lockedUntil = (await lockedAccounts(db, [row.email], limits)).get(row.email);
      if (!lockedUntil) {
        return {
          ok: false,
          error: { kind: "bad-request", status: 409, message: "This account is not locked." },
        };
      }
      await unlockAccount(db, row.email);
      await recordAudit({
        actor: await actor(),
        action: "user.unlock",
        target: row.email,
        details: { lockedUntil: lockedUntil.toISOString() },
        outcome: "success",
      });
      revalidatePath("/admin/users");
      return { ok: true, data: toSummary(row) };
    } catch (err) {
      return failed(err);
    }
  },
);
