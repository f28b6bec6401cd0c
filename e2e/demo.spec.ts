import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm run demo` against the build the suite already made: a signal to the npm process
// stops the sandbox and next-server too, so their ports are free for the next demo.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

test.use({ storageState: { cookies: [], origins: [] } });

// SIGINT (Ctrl+C) is covered by scripts/lib/process-group.test.ts; one real demo is enough here.
for (const signal of ["SIGTERM"] as const) {
  test(`${signal} to npm run demo stops everything it started`, async () => {
    test.setTimeout(90_000);
    const [appPort, sandboxPort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(path.join(tmpdir(), "dashboard-demo-"));
    const demo = spawn("npm", ["run", "demo", "--", "--no-build"], {
      env: {
        ...process.env,
        PORT: String(appPort),
        SANDBOX_PORT: String(sandboxPort),
        DEMO_MESSAGES: "2000",
        DASHBOARD_DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<void>((resolve) => demo.once("exit", () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = "";
        demo.stdout.on("data", (d) => {
          out += String(d);
          if (out.includes(`http://localhost:${appPort}`)) resolve();
        });
        demo.once("exit", () => reject(new Error(`the demo exited early:\n${out}`)));
      });
      expect(await portOpen(appPort)).toBe(true);
      expect(await portOpen(sandboxPort)).toBe(true);
      const home = await fetch(`http://127.0.0.1:${appPort}/login`);
      expect(home.status).toBe(200);

      demo.kill(signal);
      await exited;
      await expect.poll(() => portOpen(appPort), { timeout: 10_000 }).toBe(false);
      await expect.poll(() => portOpen(sandboxPort), { timeout: 10_000 }).toBe(false);
    } finally {
      demo.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
