import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "./open";

// openDb({ dataDir }) runs a real PostgreSQL in its own processes in <dataDir>/postgres. These
// tests start their own clusters (not the run's shared one): they are about the lifecycle.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDataDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "dashboard-embedded-"));
  dirs.push(d);
  return d;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}
const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A separate Node process that opens the data dir like the Next server does, then waits. */
function appProcess(dataDir: string) {
  const script = `
    const { openDb } = await import(${JSON.stringify(path.resolve("lib/db/open.ts"))});
    const h = await openDb({ dataDir: ${JSON.stringify(dataDir)} });
    await h.db.execute("select 1");
    console.log("OPEN");
    setInterval(() => {}, 1000);`;
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => String(d).includes("OPEN") && resolve());
    child.once("exit", (code) => reject(new Error(`app process exited with ${code}`)));
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return { child, opened, exited };
}

// Not again in the DATABASE_URL run (scripts/test.mjs): that run is about the external server.
describe.skipIf(Boolean(process.env.DATABASE_URL))(
  "embedded PostgreSQL (openDb with a data dir)",
  { timeout: 120_000 },
  () => {
    it("runs in its own processes on loopback with a private password, and stops on close", async () => {
      const dataDir = tempDataDir();
      const h = await openDb({ dataDir });
      expect(h.kind).toBe("embedded");
      const res = await h.withConnection((c) =>
        c.query(
          "select current_database() as db, host(inet_server_addr()) as addr, current_setting('listen_addresses') as listen, pg_backend_pid() as pid, current_setting('server_version_num')::int as v",
        ),
      );
      expect(res.rows[0]).toMatchObject({
        db: "dashboard",
        addr: "127.0.0.1",
        listen: "127.0.0.1",
      });
      expect(Number(res.rows[0]?.v)).toBeGreaterThanOrEqual(180000);
      expect(Number(res.rows[0]?.pid)).not.toBe(process.pid);
      expect(statSync(path.join(dataDir, "postgres.password")).mode & 0o777).toBe(0o600);
      const pid = postmasterPid(dataDir);
      expect(alive(pid)).toBe(true);
      // The one-process-per-folder lock still holds while it is open.
      await expect(openDb({ dataDir })).rejects.toThrow(/already open/);
      await h.close();
      expect(alive(pid)).toBe(false);
      // And it opens again on the same files.
      const again = await openDb({ dataDir });
      await again.db.execute("select 1");
      await again.close();
    });

    it("copes with a server left running by a SIGKILLed app, and stops with the app on SIGTERM", async () => {
      const dataDir = tempDataDir();
      const first = appProcess(dataDir);
      await first.opened;
      const orphan = postmasterPid(dataDir);
      first.child.kill("SIGKILL");
      await first.exited;
      expect(alive(orphan)).toBe(true); // what a `kill -9` of the Next server leaves behind

      const second = appProcess(dataDir);
      await second.opened; // no "lock file already exists", no second server on the folder
      const next = postmasterPid(dataDir);
      expect(next).not.toBe(orphan);
      expect(alive(orphan)).toBe(false);
      second.child.kill("SIGTERM");
      await second.exited;
      await until(() => !alive(next));

      expect(existsSync(path.join(dataDir, "dashboard.pid"))).toBe(false);
      const h = await openDb({ dataDir });
      await h.db.execute("select 1");
      await h.close();
    });
  },
);
