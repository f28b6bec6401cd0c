"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { log } from "@/lib/observability/logger";
import { AUDIT_MISSED_MESSAGE, AuditWriteError } from "@/lib/audit/audit-error";
import type { AuditAction } from "@/lib/audit/action-names";
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
import type { Db } from "@/lib/db/open";
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
  log().error(`User management failed: ${safeErrorText(err)}`);
  return {
    ok: false,
    error: { kind: "internal", message: "The change could not be saved. Try again." },
  };
}

async function actor() {
  const user = await getCurrentUser();
  return user ? { id: user.id, email: user.email } : null;
}

type Audited = { user: UserSummary; action: AuditAction; details: Record<string, unknown> };

/**
 * The shape every change shares: make it, audit it as a success against the user's email,
 * refresh the users page, return the user. `make` may refuse instead (nothing changed, nothing
 * audited); any throw (a UserError, a lost audit entry, the database) becomes words via failed().
 */
async function change(
  make: (db: Db) => Promise<Audited | Failure>,
): Promise<ActionResult<UserSummary>> {
  try {
    const made = await make(await getDb());
    if ("ok" in made) return made;
    const { user, action, details } = made;
    await recordAudit({
      actor: await actor(),
      action,
      target: user.email,
      details,
      outcome: "success",
    });
    revalidatePath("/admin/users");
    return { ok: true, data: user };
  } catch (err) {
    return failed(err);
  }
}

function refused(message: string): Failure {
  return { ok: false, error: { kind: "bad-request", status: 409, message } };
}

export const createUserAction = authorizedAction(
  { permission: "users:manage", label: "createUser", input: createUserSchema },
  async (input): Promise<ActionResult<UserSummary>> =>
    change(async (db) => {
      const user = await createUser(db, input);
      return { user, action: "user.create", details: { role: user.role, name: user.name } };
    }),
);

export const changeRoleAction = authorizedAction(
  { permission: "users:manage", label: "changeRole", input: changeRoleSchema },
  async (input): Promise<ActionResult<UserSummary>> =>
    change(async (db) => {
      const before = await findUserById(db, input.userId);
      const user = await setUserRole(db, input.userId, input.role);
      return {
        user,
        action: "user.role_change",
        details: { from: before?.role ?? null, to: user.role },
      };
    }),
);

export const resetPasswordAction = authorizedAction(
  { permission: "users:manage", label: "resetPassword", input: resetPasswordSchema },
  async (input): Promise<ActionResult<UserSummary>> =>
    change(async (db) => {
      const user = await setUserPassword(db, input.userId, input.password);
      return { user, action: "user.password_reset", details: { sessionsEnded: true } };
    }),
);

export const setDisabledAction = authorizedAction(
  { permission: "users:manage", label: "setDisabled", input: setDisabledSchema },
  async (input): Promise<ActionResult<UserSummary>> => {
    const me = await getCurrentUser();
    if (me && me.id === input.userId && input.disabled) {
      return refused("You cannot disable your own account.");
    }
    return change(async (db) => {
      const user = await setUserDisabled(db, input.userId, input.disabled);
      return {
        user,
        action: input.disabled ? "user.disable" : "user.enable",
        details: input.disabled ? { sessionsEnded: true } : {},
      };
    });
  },
);

// The same user id rule as the other actions.
const unlockSchema = changeRoleSchema.pick({ userId: true });

/** Lifts a sign-in lock (too many wrong passwords) before its time runs out. */
export const unlockUserAction = authorizedAction(
  { permission: "users:manage", label: "unlockUser", input: unlockSchema },
  async (input): Promise<ActionResult<UserSummary>> =>
    change(async (db) => {
      const row = await findUserById(db, input.userId);
      if (!row) throw new UserError("not-found", "That user no longer exists.");
      const { limits } = authSettings();
      const lockedUntil = (await lockedAccounts(db, [row.email], limits)).get(row.email);
      if (!lockedUntil) return refused("This account is not locked.");
      await unlockAccount(db, row.email);
      return {
        user: toSummary(row),
        action: "user.unlock",
        details: { lockedUntil: lockedUntil.toISOString() },
      };
    }),
);
