import "server-only";
import { log } from "@/lib/observability/logger";
import { safeErrorText } from "@/lib/db/safe-error";
import { EnvError } from "@/lib/env";
import { busy, internalError, invalidInput } from "@/lib/errors/dashboard";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import { errorBodySchema, jsonError } from "@/lib/http/error-body";
import { describeError, MobivateError, type MobivateErrorKind } from "@/lib/mobivate/errors";
import { TimeError } from "@/lib/time/errors";

// Error answers of the download routes, sent before any CSV byte. The words come from
// describeError (the same as the pages show); a stack trace or the API key never leaves.
// Downloads are plain links, so a browser NAVIGATES to these URLs: an error then gets a small
// page in words with a link back (raw JSON in a tab helps nobody); scripts get JSON.

const NO_STORE = { "Cache-Control": "no-store" };

/** What the person's browser gets when the dashboard could not get the data upstream. */
const STATUS_BY_KIND: Record<MobivateErrorKind, number> = {
  "key-rejected": 401,
  refused: 400,
  "out-of-credit": 402,
  "not-found": 502, // the range endpoints have no 404; one means a wrong base URL
  "rate-limited": 503,
  unavailable: 502,
  timeout: 504,
  network: 502,
  "invalid-response": 502,
  "not-configured": 503,
};

const TITLES: Record<number, string> = {
  400: "The download link is not valid",
  401: "Sign in to download",
  403: "This download is not available to you",
  429: "Another download is running",
  499: "Download cancelled",
};

/** Whether the request is a person's browser opening the URL (a link), not a script. */
export function isNavigation(request: Request | undefined): boolean {
  if (!request) return false;
  const mode = request.headers.get("sec-fetch-mode");
  if (mode) return mode === "navigate";
  // Older browsers without Fetch Metadata: an Accept that ranks HTML above JSON.
  const accept = request.headers.get("accept") ?? "";
  const html = accept.indexOf("text/html");
  const json = accept.indexOf("application/json");
  return html !== -1 && (json === -1 || html < json);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Where "Back" leads: the page the link was on when it is ours, else the home page. */
function backHref(request: Request): string {
  const referer = request.headers.get("referer");
  if (!referer) return "/";
  try {
    const from = new URL(referer);
    if (from.origin !== new URL(request.url).origin) return "/";
    if (from.pathname.startsWith("/api/")) return "/";
    return `${from.pathname}${from.search}`;
  } catch {
    return "/";
  }
}

/** What a refusal page may add: its own title, and a way on besides "Back". */
export interface PageExtras {
  title?: string;
  link?: { href: string; label: string };
}

function htmlPage(
  request: Request,
  status: number,
  message: string,
  extras: PageExtras = {},
): string {
  const title = extras.title ?? TITLES[status] ?? "The download failed";
  const link = extras.link
    ? `<p><a href="${escapeHtml(extras.link.href)}">${escapeHtml(extras.link.label)}</a></p>\n`
    : "";
  // Self-contained: no script, no external style (the CSP allows same-origin only anyway).
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#111}a{color:#1d4ed8}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
${link}<p><a href="${escapeHtml(backHref(request))}">Back to the dashboard</a></p>
</main>
</body>
</html>
`;
}

function htmlAnswer(
  request: Request,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  extras: PageExtras = {},
): Response {
  return new Response(htmlPage(request, status, message, extras), {
    status,
    headers: {
      ...NO_STORE,
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * The one way the download routes answer an error: the one JSON error body for scripts
 * (lib/http/error-body.ts), the same status as a page in words for a browser navigation.
 */
export function errorResponse(
  request: Request | undefined,
  status: number,
  error: ApiErrorInfo,
  headers: Record<string, string> = {},
  extras: PageExtras = {},
): Response {
  if (request && isNavigation(request)) {
    return htmlAnswer(request, status, error.message, headers, extras);
  }
  return jsonError(status, error, headers);
}

export function badRequest(request: Request | undefined, reason: string): Response {
  return errorResponse(request, 400, invalidInput(reason));
}

export const TOO_MANY_EXPORTS_MESSAGE = "Another download is running; try again in a moment.";

/** Every export slot is taken (per person or for the whole server): 429 with Retry-After. */
export function tooManyExports(request: Request | undefined, retryAfterSeconds = 10): Response {
  return errorResponse(request, 429, busy(TOO_MANY_EXPORTS_MESSAGE), {
    "Retry-After": String(retryAfterSeconds),
  });
}

/**
 * A refusal made elsewhere as the one JSON error body (the sign-in / role guard), shown as a
 * page when a person navigated here. Other requests get it unchanged.
 */
export async function readableRefusal(request: Request, response: Response): Promise<Response> {
  if (!isNavigation(request)) return response;
  let message = "This download is not available.";
  try {
    const parsed = errorBodySchema.safeParse(await response.clone().json());
    if (parsed.success) message = parsed.data.error.message;
  } catch {
    // not JSON: keep the general sentence
  }
  return htmlAnswer(request, response.status, message);
}

export function exportErrorResponse(err: unknown, request?: Request): Response {
  if (err instanceof MobivateError) {
    const retry: Record<string, string> =
      err.kind === "rate-limited" ? { "Retry-After": "60" } : {};
    return errorResponse(request, STATUS_BY_KIND[err.kind], describeError(err), retry);
  }
  if (err instanceof EnvError) {
    // Names the variables and the rule broken, never their values.
    return errorResponse(request, 503, {
      kind: "not-configured",
      message: `The dashboard server is not configured correctly: ${err.issues.join("; ")}`,
    });
  }
  if (err instanceof TimeError) return badRequest(request, err.message);
  log().error({ err: safeErrorText(err) }, "CSV export failed before the first byte");
  return errorResponse(request, 500, internalError());
}
