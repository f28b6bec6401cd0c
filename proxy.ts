import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "@/lib/auth/roles";
import {
  isHttpsRequest,
  SESSION_TOKEN_PATTERN,
  sessionCookieName,
  sessionCookieOptions,
  sessionTtlHours,
} from "@/lib/auth/session-cookie";

// The coarse gate: without a session cookie, pages redirect to /login and /api/* answers 401,
// before any page or route code runs. Whether the session is valid and the role allowed is
// checked on the server by each page, route handler and server action (lib/auth/guards.ts):
// this file never reads the database.

const PATH_HEADER = "x-dashboard-path"; // = lib/auth/guards.ts PATH_HEADER

function unauthorized(): Response {
  return Response.json(
    { error: { kind: "unauthorized", status: 401, message: "Sign in to use this." } },
    { status: 401, headers: { "Cache-Control": "no-store" } },
  );
}

export function proxy(request: NextRequest) {
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
    // API routes and server-action calls get a status, not a login page to parse.
    if (pathname.startsWith("/api/") || request.headers.has("next-action")) return unauthorized();
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // Sliding expiry for the cookie too (the database has the authoritative expiry). Not on
  // POSTs: a logout action clears the cookie in the same response.
  if (request.method !== "GET" || request.headers.has("next-action")) return response;
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
