// `npm run bench -- --load`: 50 people browsing Messages while 5 CSV exports run, for 60 s,
// against a production build (`next start`) whose local copy holds the sandbox's span.
//
//   npm run bench -- --load [--duration 60] [--users 50] [--exports 5] [--messages 300000]
//        [--span-days 30] [--latency 40] [--think-min 500] [--think-max 2500] [--dist DIR]
//   npm run bench -- --load --url http://127.0.0.1:3000 --password … --dist .next
//        (a server already running: loopback only; its build folder gives the action's id)
//
// Each user signs in (a session of its own, as the demo admin), then loops until the end:
// a random covered range of 1–14 days (page 1–3, 50 rows, newest first), the page's own
// server action as the browser posts it, then a think time. Each export loop downloads the
// messages of 10 days of the span as CSV, again and again. Prints p50/p95/p99 of the action,
// the errors, the exports' rows/s and the server's memory.
import { setMaxListeners } from "node:events";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { downloadExport, listActionId, openMessages, percentile, type Sample } from "./load-client";
import { serverMemory, startMirrorServer } from "./mirror-server";
import { ensureBuild } from "./next-server";
import { startSandboxThread, type SandboxThread } from "./sandbox-thread";
import { signIn } from "./sign-in";
import { formatTable } from "./table";

const { values } = parseArgs({
  options: {
    load: { type: "boolean", default: true },
    duration: { type: "string", default: "60" },
    users: { type: "string", default: "50" },
    exports: { type: "string", default: "5" },
    messages: { type: "string", default: "300000" },
    "span-days": { type: "string", default: "30" },
    latency: { type: "string", default: "40" },
    "think-min": { type: "string", default: "500" },
    "think-max": { type: "string", default: "2500" },
    dist: { type: "string" },
    url: { type: "string" },
    email: { type: "string", default: "admin@demo.local" },
    password: { type: "string" },
  },
});
const num = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const durationMs = Math.min(num("duration", values.duration), 600) * 1000;
const users = Math.min(num("users", values.users), 500);
const exportsN = Math.min(num("exports", values.exports), 20);
const thinkMin = num("think-min", values["think-min"]);
const thinkMax = Math.max(thinkMin, num("think-max", values["think-max"]));
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const log = (line: string) => console.log(line);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
if (values.url) {
  const host = new URL(values.url).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`--url must be a loopback address, not ${host}`);
  if (!values.password) throw new Error("--url needs --password (of --email)");
}

interface Target {
  base: string;
  pid: number | null;
  password: string;
  /** The covered span, [startMs, endMs). */
  startMs: number;
  endMs: number;
  stop(): Promise<void>;
}

async function ownServer(distDir: string): Promise<Target> {
  const sb: SandboxThread = await startSandboxThread({
    messages: num("messages", values.messages),
    spanDays: num("span-days", values["span-days"]),
    end: new Date(Math.floor(Date.now() / DAY) * DAY).toISOString(),
    seed: 1,
    latencyMs: num("latency", values.latency),
    cache: false,
  });
  try {
    log(`Starting next start (${distDir}) and waiting for its first sync…`);
    const { server, syncMs, status } = await startMirrorServer(
      distDir,
      { url: sb.url, apiKey: sb.apiKey, sinceDay: day(sb.startMs) },
      log,
      // The exports stand for 5 people; the sessions are all the demo admin's, so the
      // per-person export limit is raised to let them run side by side.
      {
        env: {
          DASHBOARD_EXPORTS_PER_USER: String(Math.max(1, exportsN)),
          DASHBOARD_EXPORTS_MAX: String(Math.max(4, exportsN)),
        },
      },
    );
    log(`  synced ${int(status.messages)} messages in ${(syncMs / 1000).toFixed(1)} s`);
    return {
      base: server.url,
      pid: server.pid,
      password: server.password,
      startMs: sb.startMs,
      endMs: sb.endMs,
      async stop() {
        await server.stop();
        await sb.close();
      },
    };
  } catch (error) {
    await sb.close();
    throw error;
  }
}

async function existingServer(url: string): Promise<Target> {
  const base = url.replace(/\/$/, "");
  const cookie = await signIn(base, values.email, values.password ?? "");
  const res = await fetch(`${base}/api/sync/status`, { headers: { Cookie: cookie } });
  const s = (await res.json()) as { coveredFrom: string | null; coveredTo: string | null };
  if (!s.coveredFrom || !s.coveredTo) throw new Error("the server's local copy covers nothing yet");
  return {
    base,
    pid: null,
    password: values.password ?? "",
    startMs: Math.ceil(Date.parse(s.coveredFrom) / DAY) * DAY,
    endMs: Math.floor(Date.parse(s.coveredTo) / DAY) * DAY,
    stop: async () => undefined,
  };
}

const distDir = values.dist ?? ensureBuild(false);
const actionId = listActionId(distDir);
const target = values.url ? await existingServer(values.url) : await ownServer(distDir);
try {
  const days = Math.max(1, Math.round((target.endMs - target.startMs) / DAY));
  log(`Signing in ${users} sessions…`);
  const cookies: string[] = [];
  for (let i = 0; i < users; i++) {
    cookies.push(await signIn(target.base, values.email, target.password));
  }
  const idle = target.pid ? serverMemory(target.pid) : null;
  let peakNext = idle?.nextMb ?? 0;
  const memTimer = target.pid
    ? setInterval(() => (peakNext = Math.max(peakNext, serverMemory(target.pid!).nextMb)), 500)
    : undefined;
  const startLoad = load();
  const stop = new AbortController();
  // Every request in flight listens on it (users + exports), more than the default 10.
  setMaxListeners(users + exportsN + 10, stop.signal);
  const samples: Sample[] = [];
  const errors = new Map<string, number>();
  const rand = (n: number) => Math.floor(Math.random() * n);
  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const wake = () => {
        clearTimeout(t);
        stop.signal.removeEventListener("abort", wake);
        r();
      };
      const t = setTimeout(wake, ms);
      stop.signal.addEventListener("abort", wake, { once: true });
    });
  const user = async (cookie: string) => {
    await sleep(rand(thinkMax)); // staggered starts
    while (!stop.signal.aborted) {
      const len = 1 + rand(Math.min(14, days));
      const first = rand(days - len + 1);
      const input = {
        from: day(target.startMs + first * DAY),
        to: day(target.startMs + (first + len - 1) * DAY),
        tz: "UTC",
        page: 1 + rand(3),
        pageSize: 50,
      };
      const s = await openMessages(target.base, cookie, actionId, input, stop.signal);
      if (s.error === "aborted") break;
      samples.push(s);
      if (!s.ok) errors.set(s.error ?? "?", (errors.get(s.error ?? "?") ?? 0) + 1);
      await sleep(thinkMin + rand(thinkMax - thinkMin + 1));
    }
  };
  const exportRuns: Awaited<ReturnType<typeof downloadExport>>[] = [];
  const exporter = async (i: number) => {
    const cookie = cookies[i % cookies.length]!;
    const len = Math.min(10, days);
    while (!stop.signal.aborted) {
      const first = rand(days - len + 1);
      const from = day(target.startMs + first * DAY);
      const to = day(target.startMs + (first + len - 1) * DAY);
      const url = `${target.base}/api/export/messages?from=${from}&to=${to}&tz=UTC`;
      const r = await downloadExport(url, cookie, stop.signal);
      exportRuns.push(r);
      if (!r.ok) errors.set(`export: ${r.error}`, (errors.get(`export: ${r.error}`) ?? 0) + 1);
    }
  };
  log(
    `Running ${users} users + ${exportsN} exports for ${durationMs / 1000} s (load ${startLoad})…`,
  );
  const started = performance.now();
  const timer = setTimeout(() => stop.abort(), durationMs);
  await Promise.all([
    ...cookies.map((c) => user(c)),
    ...Array.from({ length: exportsN }, (_, i) => exporter(i)),
  ]);
  clearTimeout(timer);
  clearInterval(memTimer);
  const wallS = (performance.now() - started) / 1000;
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const exportRows = exportRuns.reduce((a, r) => a + r.rows, 0);
  const whole = exportRuns.filter((r) => r.ok && !r.cut);
  const firstBytes = exportRuns.map((r) => r.firstByteMs).filter((x) => !Number.isNaN(x));
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(
    `\n${users} users + ${exportsN} exports, ${wallS.toFixed(0)} s on ${target.base}, ` +
      `load average ${startLoad} at the start, ${load()} at the end\n`,
  );
  console.log(
    formatTable(
      ["measure", "figure"],
      [
        ["/messages (listMessagesAction) calls", int(ms.length)],
        [
          "/messages p50 / p95 / p99",
          [50, 95, 99].map((p) => `${(percentile(ms, p) / 1000).toFixed(3)} s`).join(" / "),
        ],
        ["/messages max", `${((ms[ms.length - 1] ?? 0) / 1000).toFixed(3)} s`],
        ["errors", String(errorCount)],
        [
          "exports: rows received / rate",
          `${int(exportRows)} rows, ${int(exportRows / wallS)} rows/s in all ` +
            `(${whole.length} whole downloads, ${exportRuns.length - whole.length} cut at the end)`,
        ],
        [
          "exports: first byte median",
          `${int(
            percentile(
              firstBytes.sort((a, b) => a - b),
              50,
            ),
          )} ms`,
        ],
        ...(idle
          ? [
              [
                "web server RSS idle / peak",
                `${idle.nextMb.toFixed(0)} / ${peakNext.toFixed(0)} MB ` +
                  `(PostgreSQL apart: ${idle.postgres} processes)`,
              ],
            ]
          : []),
      ],
    ),
  );
  for (const [e, n] of errors) console.log(`error ×${n}: ${e}`);
} finally {
  await target.stop();
}
