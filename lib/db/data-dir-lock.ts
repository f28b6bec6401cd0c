import "server-only";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// The embedded PostgreSQL in a data directory belongs to the dashboard process that started
// it (it stops the server when it ends, and stops a server left behind by a killed one): two
// dashboards on one folder would stop each other's. A pid file turns that mistake into a
// clear error (several instances need DATABASE_URL).

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the directory for this process; returns the function that gives it back. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "dashboard.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(file, "utf8").trim());
      if (owner === process.pid) return () => rmSync(file, { force: true });
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new Error(
          `The data directory ${dir} is in use by another dashboard process (pid ${owner}). ` +
            "The embedded database serves one process; to run several instances set DATABASE_URL to a PostgreSQL database. " +
            `If no other dashboard is running, delete ${file}.`,
        );
      }
      rmSync(file, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock the data directory ${dir}`);
}
