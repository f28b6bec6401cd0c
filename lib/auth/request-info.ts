import "server-only";
import { hasControlCharacters } from "@/lib/validation/text";
import { getAuthEnv } from "./env";
import { PEER_ADDRESS_HEADER, peerStampInstalled } from "./peer-address";

/**
 * The client's address, for the per-address sign-in throttle and the audit log.
 *
 * What `next start` (16.4, node_modules/next/dist/server/base-server.js, handleRequestImpl)
 * does: `req.headers['x-forwarded-for'] ??= req.socket.remoteAddress`. A header the client
 * sent is kept as it is (neither overwritten nor appended to), and only an absent one is
 * filled from the socket; X-Real-IP is never set. The proxy (proxy.ts) runs after that fill,
 * and neither it nor the App Router sees the socket. So without a reverse proxy in front,
 * X-Forwarded-For is whatever the client chose: rotating it would give every guess a fresh
 * address. Hence:
 * - DASHBOARD_TRUST_PROXY=1 (a reverse proxy that appends the address it saw): the last
 *   X-Forwarded-For entry, the one the nearest hop vouches for.
 * - otherwise: the socket's address, stamped on every request by the hook in
 *   lib/auth/peer-address.ts (installed from instrumentation.ts), which overwrites whatever
 *   the client sent under that header name.
 */
export function clientIp(headers: Headers, trustProxy: boolean = trustProxyFromEnv()): string {
  const ip = trustProxy ? forwardedIp(headers) : peerIp(headers);
  return (ip || "unknown").slice(0, 100);
}

function forwardedIp(headers: Headers): string | undefined {
  const last = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || undefined;
}

function peerIp(headers: Headers): string | undefined {
  // Without the hook (unit tests, an unusual runtime) the header could be the client's own:
  // then no address is better than a forged one.
  if (!peerStampInstalled()) return undefined;
  return headers.get(PEER_ADDRESS_HEADER)?.trim() || undefined;
}

function trustProxyFromEnv(): boolean {
  try {
    return getAuthEnv().DASHBOARD_TRUST_PROXY;
  } catch {
    return false; // a configuration error is reported elsewhere; never trust on a guess
  }
}

export function userAgent(headers: Headers): string | null {
  return headers.get("user-agent")?.slice(0, 300) ?? null;
}

/** Longest `next` we consider; a person's link is far shorter. */
export const MAX_NEXT_LENGTH = 2000;
const PLACEHOLDER_ORIGIN = "http://dashboard.invalid";

/**
 * The one decision for every redirect to a user-supplied target (`next` after signing in):
 * a path on this site, returned in a form that is itself safe in a Location header, or null.
 *
 * The value is resolved the way a browser resolves a Location (WHATWG URL: backslashes count
 * as slashes, tabs and newlines are dropped, dot segments collapse) and must keep the origin.
 * The result must then not start with `//` or `/\` (`/.//evil.example` resolves on this
 * origin to the path `//evil.example`, which a browser reads as another host), and must
 * resolve to exactly what was checked.
 */
export function safeNextPath(next: unknown, origin: string = PLACEHOLDER_ORIGIN): string | null {
  if (typeof next !== "string" || next.length > MAX_NEXT_LENGTH) return null;
  // Only paths; control characters are never in a real link (and parsers disagree on them).
  if (!next.startsWith("/") || hasControlCharacters(next)) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  // The login page itself (a loop) and API routes (JSON, not a page) are no destinations.
  if (url.pathname === "/login" || url.pathname === "/api" || url.pathname.startsWith("/api/")) {
    return null;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  // What the browser will resolve the Location to must be what we checked.
  if (new URL(path, origin).href !== url.href) return null;
  return path;
}
