import "server-only";

/**
 * The client's address for throttling and the audit log. `next start` fills
 * X-Forwarded-For with the socket's address when the request has none; a reverse proxy
 * appends the address it saw, so the last entry is the one the nearest hop vouches for.
 * (Without a proxy in front, a client can send its own header: the per-account limit still
 * holds, the per-address one is then best effort.)
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  const ip = last || headers.get("x-real-ip")?.trim() || "unknown";
  return ip.slice(0, 100);
}

export function userAgent(headers: Headers): string | null {
  return headers.get("user-agent")?.slice(0, 300) ?? null;
}

/** Paths we may send someone to after signing in: this site's own pages only. */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//")) return null;
  if (next.includes("\\") || /[\u0000-\u001f]/.test(next)) return null;
  try {
    const base = "http://dashboard.invalid";
    const url = new URL(next, base);
    if (url.origin !== base) return null;
    if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
