import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserRow } from "@/components/admin/user-row";
import { authSettings } from "@/lib/auth/env";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { lockedAccounts } from "@/lib/auth/throttle";
import { listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { ScrollBox } from "@/components/ui/scroll-box";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

// The cells of each row, in components/admin/user-row.tsx.
const COLUMNS = ["User", "Role", "Status", "Actions"] as const;

export default async function UsersPage() {
  const me = await requirePage(PAGES.users);
  const db = await getDb();
  const users = await listUsers(db);
  // Accounts locked by wrong passwords right now, so an admin can see and lift them.
  const locks = await lockedAccounts(
    db,
    users.map((u) => u.email),
    authSettings().limits,
  );
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Users</h1>
      <CreateUserForm />
      <ScrollBox className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Staff accounts</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className="px-3 py-2">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                isSelf={u.id === me.id}
                lockedUntil={locks.get(u.email)?.toISOString() ?? null}
              />
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <dl className="grid gap-1 text-sm text-slate-700 sm:grid-cols-[8rem_1fr]">
        {ROLES.map((r) => (
          <div key={r} className="contents">
            <dt className="font-medium">{ROLE_LABELS[r]}</dt>
            <dd>{ROLE_DESCRIPTIONS[r]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
