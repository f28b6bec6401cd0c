import "server-only";
import type { Permission } from "@/lib/auth/roles";
import { withPermission, type RouteHandler } from "@/lib/auth/with-permission";
import type { SessionUser } from "@/lib/auth/guards";
import { readableRefusal } from "./error-response";

/**
 * The CSV download routes' withPermission: the same guard, and a refusal a person's browser
 * shows as a page in words (downloads are plain links, so the browser navigates to them).
 */
export function withDownloadPermission(
  permission: Permission,
  handler: (request: Request, user: SessionUser) => Promise<Response>,
): RouteHandler {
  return withPermission(permission, handler, { refusal: readableRefusal });
}
