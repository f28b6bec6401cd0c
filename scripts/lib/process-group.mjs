// Children that can be stopped as a whole tree. Each child is started as the leader of its
// own process group (detached), so a signal to `-pid` reaches it and everything it started
// (npx → node → next-server, tsx → node). Stopping sends SIGTERM to every group, waits for
// the children to exit, and sends SIGKILL to any group still alive after a grace period.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Whether a process of group `pgid` still runs (Linux, from /proc). Zombies do not count:
 * they hold no ports, and an orphan's may wait for a reaper that never comes in a container.
 */
function runningInGroup(pgid) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z") return true;
  }
  return false;
}

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
    // A child's own children may outlive it by a moment: make sure the groups are empty,
    // and wait until they are (a killed process still holds its ports until it is torn
    // down; CI once saw the sandbox's port open just after the demo had exited).
    signalAll("SIGKILL");
    await groupsGone(2000);
  }

  function groupAlive(c) {
    if (c.pid === undefined) return false;
    if (process.platform === "linux") return runningInGroup(c.pid);
    try {
      process.kill(-c.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves once no group has a running process left, or after `timeoutMs`. */
  async function groupsGone(timeoutMs) {
    const until = Date.now() + timeoutMs;
    while (children.some(groupAlive) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Last resort when this process exits without stopAll (e.g. an uncaught error). */
  function killAllSync() {
    signalAll("SIGKILL");
  }

  return { start, stopAll, killAllSync, children };
}
