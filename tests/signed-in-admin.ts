// Stand-in for lib/auth/guards in HTTP tests of feature routes and actions: they test the
// feature against the sandbox, as a signed-in admin. Who may call what is tested with the
// real guards in tests/permissions.test.ts and, end to end, in e2e/auth.spec.ts and
// e2e/roles.spec.ts.
const admin = { id: "test-admin", email: "admin@test.local", role: "admin" as const };

export const getCurrentUser = async () => admin;
export const requireUser = async () => admin;
export const requirePermission = async () => admin;
export const authorizeApi = async () => ({ ok: true as const, user: admin });
export const actionGuard = async () => null;
