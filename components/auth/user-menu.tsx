import { logoutAction } from "@/lib/auth/actions";
import { getCurrentUser } from "@/lib/auth/guards";
import { ROLE_LABELS } from "@/lib/auth/roles";

/**
 * The signed-in user's email and role and a Log out button, for the site header (a server
 * component: it reads the session itself). Renders nothing when signed out.
 */
export async function UserMenu() {
  const user = await getCurrentUser().catch(() => null);
  if (!user) return null;
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
