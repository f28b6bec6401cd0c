// The single source of truth for who may do what. Pure data and functions (no server-only
// import) so client components such as the navigation can filter by role too; the server
// still checks every page, route and action with the same matrix.

export const ROLES = ["admin", "manager", "support", "marketing"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS_LIST = [
  "messages:read",
  "optouts:read",
  "optouts:write",
  "spend:read",
  "export:messages",
  "export:optouts",
  "compliance:read",
  "settings:manage",
  "users:manage",
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS_LIST)[number];

/** Role → what it may do. Anything not listed is refused. */
export const PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS_LIST,
  manager: [
    "messages:read",
    "optouts:read",
    "spend:read",
    "export:messages",
    "export:optouts",
    "compliance:read",
  ],
  support: ["messages:read", "export:messages"],
  marketing: [
    "messages:read",
    "optouts:read",
    "optouts:write",
    "export:messages",
    "export:optouts",
  ],
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: "Admin",
  manager: "Manager",
  support: "Support",
  marketing: "Marketing",
};

/** One line per role for the users page and the README. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: "Everything, including settings, users and the audit log",
  manager: "Spend, delivery, compliance, messages; opt-outs read-only",
  support: "Messages",
  marketing: "Opt-outs including add and remove; messages read-only",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}

/**
 * Path prefix → permission needed. Pages and route handlers; the longest matching prefix
 * wins (so `/api/export/messages` is not caught by a shorter rule). Paths with no rule only
 * need a signed-in user.
 */
export const PATH_PERMISSIONS: readonly { prefix: string; permission: Permission }[] = [
  { prefix: "/messages", permission: "messages:read" },
  { prefix: "/optouts", permission: "optouts:read" },
  { prefix: "/spend", permission: "spend:read" },
  { prefix: "/delivery", permission: "spend:read" },
  { prefix: "/compliance", permission: "compliance:read" },
  { prefix: "/admin", permission: "users:manage" },
  { prefix: "/admin/users", permission: "users:manage" },
  { prefix: "/admin/audit", permission: "audit:read" },
  { prefix: "/settings", permission: "settings:manage" },
  { prefix: "/api/export/messages", permission: "export:messages" },
  { prefix: "/api/export/optouts", permission: "export:optouts" },
  { prefix: "/api/export/sent-after-optout", permission: "compliance:read" },
  { prefix: "/api/spend", permission: "spend:read" },
  { prefix: "/api/delivery", permission: "spend:read" },
  { prefix: "/api/admin/audit", permission: "audit:read" },
  { prefix: "/api/admin", permission: "users:manage" },
];

/** Reachable without signing in (everything else needs a session). */
export const PUBLIC_PATHS: readonly string[] = ["/login", "/api/health"];

function matchesPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => matchesPrefix(pathname, p));
}

/** The permission a page or API path needs, or null when signing in is enough. */
export function permissionForPath(pathname: string): Permission | null {
  let best: { prefix: string; permission: Permission } | null = null;
  for (const rule of PATH_PERMISSIONS) {
    if (matchesPrefix(pathname, rule.prefix) && (!best || rule.prefix.length > best.prefix.length))
      best = rule;
  }
  return best?.permission ?? null;
}

export interface NavLink {
  href: string;
  label: string;
  permission: Permission;
}

/** Every navigation entry, in menu order. */
export const NAV_LINKS: readonly NavLink[] = [
  { href: "/messages", label: "Messages", permission: "messages:read" },
  { href: "/optouts", label: "Opt-outs", permission: "optouts:read" },
  { href: "/spend", label: "Spend", permission: "spend:read" },
  { href: "/delivery", label: "Delivery", permission: "spend:read" },
  { href: "/compliance", label: "Compliance", permission: "compliance:read" },
  { href: "/admin/users", label: "Users", permission: "users:manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
  { href: "/settings", label: "Settings", permission: "settings:manage" },
];

/** The navigation entries a role may use (the menu shows only these). */
export function navLinksFor(role: Role): NavLink[] {
  return NAV_LINKS.filter((l) => can(role, l.permission));
}

/** Where to send a user after signing in when no (allowed) `next` was asked for. */
export function homePathFor(role: Role): string {
  return navLinksFor(role)[0]?.href ?? "/login";
}
