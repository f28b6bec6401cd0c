import "server-only";
import { eq } from "drizzle-orm";
import { insertAudit } from "@/lib/audit/store";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";
import { DEFAULT_DEMO_PASSWORD, type AuthEnv } from "./env";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./roles";
import { countUsers, createUser, UserError } from "./users";

export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.local", name: "Demo admin", role: "admin" },
  { email: "manager@demo.local", name: "Demo manager", role: "manager" },
  { email: "support@demo.local", name: "Demo support", role: "support" },
  { email: "marketing@demo.local", name: "Demo marketing", role: "marketing" },
];

type BootstrapEnv = Pick<
  AuthEnv,
  | "DASHBOARD_DEMO"
  | "DASHBOARD_DEMO_PASSWORD"
  | "DASHBOARD_ADMIN_EMAIL"
  | "DASHBOARD_ADMIN_PASSWORD"
>;

async function createIfMissing(db: Db, input: Parameters<typeof createUser>[1]): Promise<boolean> {
  try {
    const user = await createUser(db, input);
    await insertAudit(db, {
      actor: null,
      action: "user.create",
      target: user.email,
      details: { role: user.role, source: "startup" },
      outcome: "success",
    });
    return true;
  } catch (err) {
    // Another instance starting at the same moment created it first: fine.
    if (err instanceof UserError && err.code === "duplicate-email") return false;
    throw err;
  }
}

/**
 * First start: the admin named by DASHBOARD_ADMIN_EMAIL/PASSWORD, only while no user exists
 * (later changes happen on the Users page). Demo mode: one account per role, each start
 * setting the demo password so the login the demo prints always works.
 */
export async function bootstrapAccounts(db: Db, env: BootstrapEnv): Promise<void> {
  if (env.DASHBOARD_ADMIN_EMAIL && env.DASHBOARD_ADMIN_PASSWORD && (await countUsers(db)) === 0) {
    await createIfMissing(db, {
      email: env.DASHBOARD_ADMIN_EMAIL,
      name: "Administrator",
      role: "admin",
      password: env.DASHBOARD_ADMIN_PASSWORD,
    });
  }
  if (!env.DASHBOARD_DEMO) return;
  const password = env.DASHBOARD_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  for (const account of DEMO_ACCOUNTS) {
    if (await createIfMissing(db, { ...account, password })) continue;
    const [row] = await db.select().from(users).where(eq(users.email, account.email));
    if (!row) continue;
    const passwordOk = await verifyPassword(password, row.passwordHash);
    if (passwordOk && row.role === account.role && row.disabledAt === null) continue;
    await db
      .update(users)
      .set({
        passwordHash: passwordOk ? row.passwordHash : await hashPassword(password),
        role: account.role,
        disabledAt: null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, row.id));
  }
}
