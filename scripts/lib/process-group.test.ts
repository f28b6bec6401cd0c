import { spawn } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";

// The demo starts the sandbox and next-server through wrappers (npx, tsx); a signal to the
// demo must stop every process below it and free their ports.

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

async function startTree(): Promise<{ pid: number; port: number; exited: Promise<number | null> }> {
  const parent = spawn(process.execPath, ["scripts/lib/fixtures/tree-parent.mjs"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => parent.once("exit", resolve));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    parent.stdout.on("data", (d) => {
      out += String(d);
      const m = /SANDBOX_READY http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    parent.once("exit", () => reject(new Error(`parent exited early: ${out}`)));
  });
  return { pid: parent.pid!, port, exited };
}

describe("process groups (the demo's children)", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to the parent stops the whole tree and frees the port`, async () => {
      const tree = await startTree();
      expect(await portOpen(tree.port)).toBe(true);
      process.kill(tree.pid, signal);
      expect(await tree.exited).toBe(0);
      expect(await portOpen(tree.port)).toBe(false);
    }, 30_000);
  }
});
