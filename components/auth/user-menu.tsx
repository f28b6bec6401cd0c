import { logoutAction } from "@/lib/auth/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { ShellSession } from "@/lib/auth/shell-session";

/**
 * The signed-in user's email and role and a Log out button, for the site header. Renders
 * nothing when signed out, and says so when the session could not be checked (the page below
 * explains why) rather than looking signed out.
 */
export function UserMenu({ session }: { session: ShellSession }) {
  if (session.state === "unavailable") {
    return (
      <p role="status" className="ml-auto text-sm text-brand-100" data-testid="session-unavailable">
        Your session could not be checked.
      </p>
    );
  }
  if (session.state === "signed-out") return null;
  const { user } = session;
  return (
    <div className="ml-auto flex items-center gap-3 text-sm" data-testid="user-menu">
      <span className="hidden text-brand-100 sm:inline" data-testid="user-email">
        {user.email}
      </span>
      <span
        className="rounded-full bg-white/15 px-2 py-0.5 text-xs font-medium text-white"
        data-testid="user-role"
      >
        {ROLE_LABELS[user.role]}
      </span>
      <form action={logoutAction}>
        <button
          type="submit"
          className="rounded-md px-3 py-1.5 font-medium text-white ring-1 ring-white/40 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
        >
          Log out
        </button>
      </form>
    </div>
  );
}
