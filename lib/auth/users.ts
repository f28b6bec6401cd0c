import "server-only";
import { and, asc, count, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { users, type UserRow } from "@/lib/db/schema";
import { hashPassword } from "./password";
import { deleteUserSessions } from "./session-store";
import { isRole, type Role } from "./roles";

/** What pages may see of a user: never the password hash. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

export class UserError extends Error {
  constructor(
    readonly code: "duplicate-email" | "not-found" | "last-admin",
    message: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toSummary(row: UserRow): UserSummary {
  // The CHECK constraint keeps roles valid; a bad row would be a bug, so fail loudly.
  if (!isRole(row.role)) throw new Error(`User ${row.id} has an unknown role`);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt,
  };
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map(toSummary);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createUser(db: Db, input: NewUser): Promise<UserSummary> {
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({
      email: normaliseEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      passwordHash,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw new UserError("duplicate-email", "A user with this email already exists.");
  return toSummary(row);
}

/** Enabled admins other than `exceptId`: there must always be one left. */
async function otherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, exceptId)));
  return row?.n ?? 0;
}

async function requireUser(db: Db, id: string): Promise<UserRow> {
  const row = await findUserById(db, id);
  if (!row) throw new UserError("not-found", "That user no longer exists.");
  return row;
}

export async function setUserRole(db: Db, id: string, role: Role): Promise<UserSummary> {
  const before = await requireUser(db, id);
  if (before.role === "admin" && role !== "admin" && (await otherActiveAdmins(db, id)) === 0) {
    throw new UserError("last-admin", "This is the only enabled admin: make another admin first.");
  }
  const [row] = await db
    .update(users)
    .set({ role, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return toSummary(row ?? before);
}

/** Sets a new password and signs the user out everywhere (a reset is often after a leak). */
export async function setUserPassword(db: Db, id: string, password: string): Promise<UserSummary> {
  await requireUser(db, id);
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .update(users)
    .set({ passwordHash, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new UserError("not-found", "That user no longer exists.");
  await deleteUserSessions(db, id);
  return toSummary(row);
}

/** Disabling also ends every session of the user at once. */
export async function setUserDisabled(db: Db, id: string, disabled: boolean): Promise<UserSummary> {
  const before = await requireUser(db, id);
  if (disabled && before.role === "admin" && (await otherActiveAdmins(db, id)) === 0) {
    throw new UserError("last-admin", "This is the only enabled admin: it cannot be disabled.");
  }
  const [row] = await db
    .update(users)
    .set({ disabledAt: disabled ? (before.disabledAt ?? new Date()) : null, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  if (disabled) await deleteUserSessions(db, id);
  return toSummary(row ?? before);
}
