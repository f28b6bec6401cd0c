import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "@/lib/auth/roles";
import { signedOut } from "@/lib/errors/dashboard";
import {
  isHttpsRequest,
  SESSION_TOKEN_PATTERN,
  sessionCookieName,
  sessionCookieOptions,
  sessionTtlHours,
} from "@/lib/auth/session-cookie";
import { jsonError } from "@/lib/http/error-body";
import { MAX_URL_LENGTH, requestSizeRefusal, type SizeRefusal } from "@/lib/http/request-limits";

// The coarse gate, run for every request but build assets (see `config.matcher`):
// 1. A URL or body far beyond what a person sends is refused before anything parses it
//    (lib/http/request-limits.ts).
// 2. Without a session cookie, pages redirect to /login and /api/* answers 401, before any page
//    or route code runs. Whether the session is valid and the role allowed is checked on the
//    server by each page, route handler and server action (lib/auth/guards.ts): this file
//    never reads the database.

const PATH_HEADER = "x-dashboard-path"; // = lib/auth/guards.ts PATH_HEADER

/** API routes and server-action calls get a status and JSON, not a page to parse. */
function wantsJson(request: NextRequest): boolean {
  return request.nextUrl.pathname.startsWith("/api/") || request.headers.has("next-action");
}

function tooLarge(request: NextRequest, refusal: SizeRefusal): Response {
  if (wantsJson(request)) {
    return jsonError(refusal.status, { kind: "bad-request", message: refusal.message });
  }
  // A page: a few words a person can act on (no app shell: nothing of the request is used).
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${refusal.title}</title>` +
    `</head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">` +
    `<h1>${refusal.title}</h1><p>${refusal.message}</p><p><a href="/">Go to the dashboard</a></p>` +
    `</body></html>`;
  return new Response(html, {
    status: refusal.status,
    headers: { "Cache-Control": "no-store", "Content-Type": "text/html; charset=utf-8" },
  });
}

/**
 * Sliding expiry for the cookie too (the database has the authoritative expiry), renewed here
 * only by a page load or a download: a GET the browser marks as a navigation
 * (`Sec-Fetch-Mode: navigate`), or a GET from a client that sends no Sec-Fetch headers (curl, a
 * script). Never by the router's background fetches (prefetches, RSC: `cors` mode; Next strips
 * its own `rsc` headers before this file runs), a POST or a server action: one of those still
 * in flight when "Log out" is pressed answers after the logout and would put the cleared
 * cookie back (seen in CI), and this file cannot tell a live session from a deleted one.
 * Server actions renew it themselves, when their guard allowed them and the database slid the
 * session's expiry (actionGuard, lib/auth/guards.ts).
 */
function renewsCookie(request: NextRequest): boolean {
  if (request.method !== "GET" || request.headers.has("next-action")) return false;
  const mode = request.headers.get("sec-fetch-mode");
  return mode === null || mode === "navigate";
}

export function proxy(request: NextRequest) {
  const refusal = requestSizeRefusal(request.nextUrl, request.headers);
  if (refusal) return tooLarge(request, refusal);

  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  // Always ours, never the client's: the page uses it only to come back here after login.
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);
  if (isPublicPath(pathname)) {
    return NextResponse.next({ request: { headers: requestHeaders } });
  }

  const name = sessionCookieName();
  const token = request.cookies.get(name)?.value;
  if (!token || !SESSION_TOKEN_PATTERN.test(token)) {
    if (wantsJson(request)) return jsonError(401, signedOut());
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    // Encoded, a long (accepted) link can grow past the cap: then sign in without coming back
    // rather than be refused.
    if (login.pathname.length + login.search.length > MAX_URL_LENGTH) login.search = "";
    return NextResponse.redirect(login);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (!renewsCookie(request)) return response;
  response.cookies.set(
    name,
    token,
    sessionCookieOptions(isHttpsRequest(request.headers, request.url), sessionTtlHours() * 3600),
  );
  return response;
}

export const config = {
  // Everything but build assets and the icon; /_next/image is not used here.
  matcher: ["/((?!_next/|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
