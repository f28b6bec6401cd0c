import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// The app's own files, found on disk, for the tests that must cover every page, route handler
// and server action (the hostile-input inventory, the permission test): one added later is
// found without anyone listing it.

export const ROOT = path.resolve(__dirname, "..");

/** Every file under a folder of the repository, as a path relative to the root. */
export function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    return statSync(path.join(ROOT, rel)).isDirectory() ? filesUnder(rel) : [rel];
  });
}

/** app/messages/[id]/page.tsx -> /messages/[id] (route groups dropped). */
export const routeOf = (file: string) =>
  `/${path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/")}`;

/** Every "use server" module of the app (the directive within its first lines). */
export function serverActionFiles(): string[] {
  return ["app", "lib", "components"]
    .flatMap(filesUnder)
    .filter((f) => /\.(?:tsx?|jsx?)$/.test(f))
    .filter((f) =>
      readFileSync(path.join(ROOT, f), "utf8")
        .split("\n")
        .slice(0, 5)
        .some((line) => /^["']use server["'];?$/.test(line.trim())),
    );
}
