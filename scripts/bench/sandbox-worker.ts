// Worker-thread side of sandbox-thread.ts: runs the sandbox and answers count queries.
//
// With `cache` on, a small front server adds the latency and answers repeated GETs from
// memory. The real API does its work on its own (many-core) machines: here the sandbox's
// page building and JSON encoding (several ms per 1000-message page, on one thread) would
// otherwise queue up behind each other and be measured as if it were the reader's fault.
// The first request for a URL is still answered by the sandbox itself.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { startSandbox } from "../../sandbox/server";
import type { SandboxThreadOptions } from "./sandbox-thread";

type Msg =
  | { type: "count"; id: number; startMs: number; endMs: number }
  | { type: "latency"; id: number; latencyMs: number };

interface Cached {
  status: number;
  type: string;
  body: Buffer;
}

const opts = workerData as SandboxThreadOptions;
const port = parentPort;
if (!port) throw new Error("sandbox-worker.ts must run in a worker thread");

/** Resolves after `ms` unless the client goes away first (then false). */
function delay(ms: number, res: ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(!res.destroyed);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once("close", onClose);
  });
}

async function startCachingFront(backend: string, latency: () => number): Promise<string> {
  const cache = new Map<string, Cached>();
  const answer = async (req: IncomingMessage): Promise<Cached> => {
    const key = `${req.headers.authorization ?? ""} ${req.url ?? ""}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const res = await fetch(`${backend}${req.url ?? "/"}`, {
      headers: req.headers.authorization ? { Authorization: req.headers.authorization } : {},
    });
    const fresh = {
      status: res.status,
      type: res.headers.get("content-type") ?? "application/json",
      body: Buffer.from(await res.arrayBuffer()),
    };
    if (res.status === 200) cache.set(key, fresh);
    return fresh;
  };
  const server = createServer((req, res) => {
    req.resume();
    const waited = delay(latency(), res);
    Promise.all([answer(req), waited]).then(
      ([a, ok]) => {
        if (!ok) return;
        res.writeHead(a.status, { "Content-Type": a.type, "Content-Length": a.body.length });
        res.end(a.body);
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

try {
  let latencyMs = opts.latencyMs;
  const sb = await startSandbox({
    port: 0,
    messages: opts.messages,
    spanDays: opts.spanDays,
    end: new Date(opts.end),
    seed: opts.seed,
    latencyMs: opts.cache ? 0 : latencyMs,
  });
  const url = opts.cache ? await startCachingFront(sb.url, () => latencyMs) : sb.url;
  port.on("message", (msg: Msg) => {
    if (msg.type === "latency") {
      latencyMs = msg.latencyMs;
      if (!opts.cache) sb.setOptions({ latencyMs });
      port.postMessage({ type: "latency", id: msg.id });
      return;
    }
    const count = sb.dataset.messagesInRange(msg.startMs, msg.endMs).count;
    port.postMessage({ type: "count", id: msg.id, count });
  });
  port.postMessage({
    type: "ready",
    url,
    apiKey: sb.apiKey,
    startMs: sb.dataset.startMs,
    endMs: sb.dataset.endMs,
  });
} catch (error) {
  port.postMessage({ type: "error", message: String(error) });
}
