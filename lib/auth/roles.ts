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
  // The local mirror: every role may see whether the copy is fresh; an admin runs and wipes it.
  "sync:read",
  "sync:manage",
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
    "sync:read",
  ],
  support: ["messages:read", "export:messages", "sync:read"],
  marketing: [
    "messages:read",
    "optouts:read",
    "optouts:write",
    "export:messages",
    "export:optouts",
    "sync:read",
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
  admin: "Everything, including settings, users, the audit log and the local copy's sync",
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

/** Reachable without signing in (everything else needs a session). */
// /api/metrics has its own bearer token (DASHBOARD_METRICS_TOKEN): a scraper has no session.
// /api/ready: load balancers and orchestrators ask it without a session (lib/health).
export const PUBLIC_PATHS: readonly string[] = [
  "/login",
  "/api/health",
  "/api/ready",
  "/api/metrics",
];

function matchesPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => matchesPrefix(pathname, p));
}
