// The standalone server (`output: "standalone"` in next.config.mjs): `next build` writes
// <dist>/standalone/server.js with only the files it needs, but leaves the browser assets
// (<dist>/static) and public/ for the deployer to put beside it. These helpers do that, so
// `npm run start:standalone`, the CI check (scripts/test.mjs) and the Dockerfile agree.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

/** The build folder: NEXT_DIST_DIR as next.config.mjs reads it, else .next. */
export function distDir(env = process.env) {
  return env.NEXT_DIST_DIR || ".next";
}

/**
 * Copies <dist>/static and public/ into <dist>/standalone (or into `target`, a copy of it
 * elsewhere; `link`: hard links where the file system allows, much quicker than copying
 * 130 MB). Returns the folder holding server.js. Throws in words when there is no
 * standalone build.
 */
export function prepareStandalone({ dist = distDir(), target, link = false } = {}) {
  const built = path.join(dist, "standalone");
  if (!existsSync(path.join(built, "server.js"))) {
    throw new Error(
      `No standalone build in ${built} (server.js missing): run \`npm run build\` first` +
        ' (next.config.mjs sets output: "standalone").',
    );
  }
  const root = target ?? built;
  if (target) {
    rmSync(target, { recursive: true, force: true });
    const linked =
      link && spawnSync("cp", ["-al", built, target], { stdio: "ignore" }).status === 0;
    if (!linked) {
      rmSync(target, { recursive: true, force: true });
      // verbatimSymlinks: the PostgreSQL libraries are symlinks relative to their folder.
      cpSync(built, target, { recursive: true, verbatimSymlinks: true });
    }
  }
  // server.js serves /_next/static from <its folder>/<distDir>/static.
  const staticTarget = path.join(root, path.basename(dist), "static");
  rmSync(staticTarget, { recursive: true, force: true });
  cpSync(path.join(dist, "static"), staticTarget, { recursive: true });
  if (existsSync("public")) {
    cpSync("public", path.join(root, "public"), { recursive: true });
  }
  return root;
}

/**
 * The environment for server.js. It chdirs to its own folder, so a relative
 * DASHBOARD_DATA_DIR (default ./data) is made absolute here, against the caller's folder:
 * otherwise the database would live inside the build output and the next build would
 * delete it. server.js listens on HOSTNAME (default 0.0.0.0) and PORT (default 3000).
 */
export function standaloneEnv(env = process.env, { cwd = process.cwd(), hostname } = {}) {
  const out = {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DASHBOARD_DATA_DIR: path.resolve(cwd, env.DASHBOARD_DATA_DIR || "data"),
  };
  if (hostname) out.HOSTNAME = hostname;
  return out;
}
