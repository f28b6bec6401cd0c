// Children that can be stopped as a whole tree. Each child is started as the leader of its
// own process group (detached), so a signal to `-pid` reaches it and everything it started
// (npx → node → next-server, tsx → node). Stopping sends SIGTERM to every group, waits for
// the children to exit, and sends SIGKILL to any group still alive after a grace period.
import { spawn } from "node:child_process";

export function createProcessGroups() {
  /** @type {import("node:child_process").ChildProcess[]} */
  const children = [];

  function start(cmd, args, options) {
    const child = spawn(cmd, args, { ...options, detached: true });
    children.push(child);
    return child;
  }

  function signalAll(signal) {
    for (const c of children) {
      if (c.pid === undefined) continue;
      try {
        process.kill(-c.pid, signal);
      } catch {
        // The group is gone already.
      }
    }
  }

  const exited = (c) =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => c.once("exit", resolve));

  /** SIGTERM to every group; SIGKILL to what is left after `graceMs`. Resolves when done. */
  async function stopAll(graceMs = 5000) {
    signalAll("SIGTERM");
    const all = Promise.all(children.map(exited));
    const timer = new Promise((resolve) => setTimeout(resolve, graceMs, "timeout"));
    if ((await Promise.race([all, timer])) === "timeout") {
      signalAll("SIGKILL");
      await all;
    }
    // A child's own children may outlive it by a moment: make sure the groups are empty.
    signalAll("SIGKILL");
  }

  /** Last resort when this process exits without stopAll (e.g. an uncaught error). */
  function killAllSync() {
    signalAll("SIGKILL");
  }

  return { start, stopAll, killAllSync, children };
}
