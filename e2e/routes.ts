import { readFileSync } from "node:fs";
import path from "node:path";

// What the production build under test contains, read from its manifests, so the auth and
// role specs cover every page, route handler and server action, including ones added later.
const distDir = process.env.NEXT_DIST_DIR || ".next";

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(distDir, file), "utf8")) as T;
}

/** Framework-internal routes, not ours to guard. */
const INTERNAL = new Set(["/_not-found", "/_global-error", "/icon.svg"]);

export interface AppRoute {
  /** As in the build, e.g. /messages/[id]. */
  route: string;
  /** A concrete URL path to request (dynamic segments filled in). */
  path: string;
  kind: "page" | "api";
}

export function appRoutes(): AppRoute[] {
  const manifest = readJson<Record<string, string>>("app-path-routes-manifest.json");
  return Object.values(manifest)
    .filter((route) => !INTERNAL.has(route))
    .sort()
    .map((route) => ({
      route,
      path: route.replace(/\[{1,2}[^[\]]+\]{1,2}/g, "1"),
      kind: route === "/api" || route.startsWith("/api/") ? "api" : "page",
    }));
}

export interface ServerAction {
  id: string;
  /** e.g. lib/optouts/actions.ts#addOptOutAction */
  name: string;
  /** A page path that can receive the call (actions are POSTs to a page). */
  pagePath: string;
}

export function serverActions(): ServerAction[] {
  const manifest = readJson<{
    node: Record<
      string,
      { workers: Record<string, unknown>; filename: string; exportedName: string }
    >;
  }>("server/server-reference-manifest.json");
  return Object.entries(manifest.node).map(([id, a]) => {
    const worker = Object.keys(a.workers)[0] ?? "app/page";
    const route = `/${worker.replace(/^app\//, "").replace(/\/?page$/, "")}`;
    return {
      id,
      name: `${a.filename}#${a.exportedName}`,
      pagePath: route.replace(/\[{1,2}[^[\]]+\]{1,2}/g, "1"),
    };
  });
}
