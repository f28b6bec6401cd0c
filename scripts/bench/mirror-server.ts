// The dashboard's production server with the local copy on, against a sandbox: started by
// next-server.ts (demo accounts, a throw-away embedded database in its own folder), then
// waited on until its first sync cycle has copied the sandbox's whole span.
import { readFileSync, readdirSync } from "node:fs";
import { startNext, type NextServer } from "./next-server";

export interface SyncStatus {
  state: string;
  coveredFrom: string | null;
  coveredTo: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  messages: number;
  optOuts: number;
}

export async function syncStatus(server: NextServer): Promise<SyncStatus> {
  const res = await fetch(`${server.url}/api/sync/status`, {
    headers: { Cookie: server.cookie },
  });
  if (!res.ok) throw new Error(`GET /api/sync/status answered ${res.status}`);
  return (await res.json()) as SyncStatus;
}

/** Starts the server and waits (up to `timeoutMs`) for a sync cycle to have finished. */
export async function startMirrorServer(
  distDir: string,
  sandbox: { url: string; apiKey: string; sinceDay: string },
  log: (line: string) => void,
  opts: {
    /** More of the server's environment (over the sandbox's and the copy's settings). */
    env?: Record<string, string>;
    timeoutMs?: number;
    /** Production's server.js rather than `next start`. */
    standalone?: boolean;
  } = {},
): Promise<{ server: NextServer; syncMs: number; status: SyncStatus }> {
  const { env: extraEnv = {}, timeoutMs = 15 * 60_000, standalone = false } = opts;
  const started = Date.now();
  const server = await startNext(
    distDir,
    {
      MOBIVATE_API_BASE_URL: sandbox.url,
      MOBIVATE_API_KEY: sandbox.apiKey,
      DASHBOARD_SYNC: "1",
      DASHBOARD_SYNC_SINCE: sandbox.sinceDay,
      ...extraEnv,
    },
    { standalone },
  );
  try {
    let lastLog = 0;
    for (;;) {
      const s = await syncStatus(server);
      if (s.lastSuccessAt && s.state !== "running") {
        return { server, syncMs: Date.now() - started, status: s };
      }
      if (s.state === "error" && s.lastError) log(`  sync error (retrying): ${s.lastError}`);
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`  syncing: ${s.messages.toLocaleString("en-US")} messages so far (${s.state})`);
      }
      if (Date.now() - started > timeoutMs) throw new Error("the first sync did not finish");
      await new Promise((r) => setTimeout(r, 1000));
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The process tree of `root`, each with its command name (postgres vs node). */
function tree(root: number): { pid: number; comm: string }[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // ended meanwhile
    }
  }
  const out: { pid: number; comm: string }[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    let comm = "?";
    try {
      comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    out.push({ pid, comm });
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * RSS of the web server (every non-postgres process of the tree: `next start` and any
 * worker it forks) and, apart, of the embedded PostgreSQL's processes (their shared buffers
 * are counted in each process that touched them, so that sum overstates their memory).
 */
export function serverMemory(root: number): {
  nextMb: number;
  postgresMb: number;
  postgres: number;
} {
  let next = 0;
  let db = 0;
  let n = 0;
  for (const p of tree(root)) {
    if (p.comm.startsWith("postgres")) {
      db += rssKb(p.pid);
      n += 1;
    } else next += rssKb(p.pid);
  }
  return { nextMb: next / 1024, postgresMb: db / 1024, postgres: n };
}
