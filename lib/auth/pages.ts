import { can, type Permission, type Role } from "./roles";

// Every page segment and the permission it needs, declared once. The segment's layout and
// page check it on the server (lib/auth/with-permission.ts: pageLayout, requirePage); the
// menu is the entries with a label, in this order, filtered by role. Pure data (no
// server-only import): the navigation uses it in the browser too.

export interface PageSpec {
  /** The segment's path; its sub-pages (e.g. /messages/<id>) need the same permission. */
  href: string;
  permission: Permission;
  /** The menu entry; pages without one are reached by link or redirect only. */
  label?: string;
}

export const PAGES = {
  messages: { href: "/messages", label: "Messages", permission: "messages:read" },
  optouts: { href: "/optouts", label: "Opt-outs", permission: "optouts:read" },
  spend: { href: "/spend", label: "Spend", permission: "spend:read" },
  delivery: { href: "/delivery", label: "Delivery", permission: "spend:read" },
  compliance: { href: "/compliance", label: "Compliance", permission: "compliance:read" },
  users: { href: "/admin/users", label: "Users", permission: "users:manage" },
  audit: { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
  sync: { href: "/admin/sync", label: "Sync", permission: "sync:manage" },
  settings: { href: "/settings", label: "Settings", permission: "settings:manage" },
  // /admin only redirects to /admin/users.
  admin: { href: "/admin", permission: "users:manage" },
} as const satisfies Record<string, PageSpec>;

export interface NavLink {
  href: string;
  label: string;
  permission: Permission;
}

/** Every navigation entry, in menu order. */
export const NAV_LINKS: readonly NavLink[] = Object.values(PAGES).flatMap((p: PageSpec) =>
  p.label ? [{ href: p.href, label: p.label, permission: p.permission }] : [],
);

/** The navigation entries a role may use (the menu shows only these). */
export function navLinksFor(role: Role): NavLink[] {
  return NAV_LINKS.filter((l) => can(role, l.permission));
}

/** Where to send a user after signing in when no (allowed) `next` was asked for. */
export function homePathFor(role: Role): string {
  return navLinksFor(role)[0]?.href ?? "/login";
}
