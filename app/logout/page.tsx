import type { Metadata } from "next";
import { logoutAction } from "@/lib/auth/actions";
import { requireUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Log out" };
export const dynamic = "force-dynamic";

// Signing out changes state, so it is a POST (the button), never a GET a link or an image
// on another site could trigger.
export default async function LogoutPage() {
  const user = await requireUser();
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <h1 className="text-xl font-semibold">Log out</h1>
      <p className="mt-2 text-sm text-slate-600">You are signed in as {user.email}.</p>
      <form action={logoutAction} className="mt-4">
        <button
          type="submit"
          className="h-10 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Log out
        </button>
      </form>
    </div>
  );
}
