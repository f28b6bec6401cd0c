// Cookie conventions shared by proxy.ts (which only looks for the cookie) and the server code
// that issues and checks sessions. No server-only import: proxy.ts bundles it; nothing secret.

/**
 * Cookies are per host, not per port: two dashboards on one host (e.g. localhost:3000 and
 * :3001) need different names or they sign each other out. DASHBOARD_SESSION_COOKIE sets it.
 */
export function sessionCookieName(): string {
  const name = process.env.DASHBOARD_SESSION_COOKIE?.trim();
  return name && /^[\w-]+$/.test(name) ? name : "dashboard_session";
}

/** Tokens are 32 random bytes in base64url (43 characters). */
export const SESSION_TOKEN_PATTERN = /^[\w-]{43}$/;

/** https as seen by the browser: directly or behind a TLS-terminating proxy. */
export function isHttpsRequest(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return url ? url.startsWith("https:") : false;
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
}

export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: Math.round(maxAgeSeconds) };
}

/** Session lifetime in hours (sliding); the same default as lib/auth/env.ts. */
export function sessionTtlHours(): number {
  const n = Number(process.env.DASHBOARD_SESSION_TTL_HOURS);
  return Number.isFinite(n) && n > 0 ? n : 12;
}
