import type { Metadata } from "next";
import { redirect, unstable_rethrow } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/request-info";
import { homePathFor } from "@/lib/auth/pages";
import { describeStartupError } from "@/lib/auth/startup-error";
import { countUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next);
  let problem: string | null = null;
  let noAccounts = false;
  try {
    const user = await getCurrentUser();
    if (user) redirect(next ?? homePathFor(user.role));
    noAccounts = (await countUsers(await getDb())) === 0;
  } catch (err) {
    unstable_rethrow(err);
    problem = describeStartupError(err);
  }

  return (
    <div className="mx-auto mt-8 max-w-sm">
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">
        Message logs, opt-outs and spend are private: sign in with your staff account.
      </p>
      {sp.signedOut === "1" && !problem && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-sm text-green-900">
          You are signed out.
        </p>
      )}
      {problem ? (
        <div
          role="alert"
          data-testid="startup-error"
          className="mt-4 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900"
        >
          <p className="font-semibold">Sign-in is unavailable</p>
          <p className="mt-1">{problem}</p>
        </div>
      ) : noAccounts ? (
        <div
          role="alert"
          className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
        >
          <p className="font-semibold">No accounts yet</p>
          <p className="mt-1">
            Set <code>DASHBOARD_ADMIN_EMAIL</code> and <code>DASHBOARD_ADMIN_PASSWORD</code> (at
            least 12 characters) in the server&apos;s environment and restart it: the first admin is
            created from them.
          </p>
        </div>
      ) : (
        <LoginForm next={next} />
      )}
    </div>
  );
}
