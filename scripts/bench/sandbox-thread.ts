// The benchmark's sandbox, in a worker thread of the benchmark process. The real API runs
// on another machine: on the main thread, the sandbox's page building and JSON encoding
// would compete with the reader being measured for the same event loop. A worker thread
// keeps it in-process (no extra program to start) but on its own core.
import { Worker } from "node:worker_threads";

export interface SandboxThreadOptions {
  messages: number;
  spanDays: number;
  end: string;
  seed: number;
  latencyMs: number;
  /** Answer repeated requests from memory (see sandbox-worker.ts). */
  cache: boolean;
}

export interface SandboxThread {
  url: string;
  apiKey: string;
  startMs: number;
  endMs: number;
  /** Messages with startMs <= created < endMs. */
  count(startMs: number, endMs: number): Promise<number>;
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

type Reply =
  | { type: "ready"; url: string; apiKey: string; startMs: number; endMs: number }
  | { type: "count"; id: number; count: number }
  | { type: "latency"; id: number }
  | { type: "error"; message: string };

export function startSandboxThread(opts: SandboxThreadOptions): Promise<SandboxThread> {
  // tsx's TypeScript loader is registered per thread, so the worker registers it before
  // importing its (TypeScript) entry.
  const entry = new URL("./sandbox-worker.ts", import.meta.url).href;
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: opts });
  const waiting = new Map<number, (n: number) => void>();
  let nextId = 1;
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (msg: Reply) => {
      if (msg.type === "error") reject(new Error(msg.message));
      else if (msg.type === "count") waiting.get(msg.id)?.(msg.count);
      else if (msg.type === "latency") waiting.get(msg.id)?.(0);
      else
        resolve({
          ...msg,
          count(startMs, endMs) {
            const id = nextId++;
            worker.postMessage({ type: "count", id, startMs, endMs });
            return new Promise((done) => waiting.set(id, done));
          },
          setLatency(latencyMs) {
            const id = nextId++;
            worker.postMessage({ type: "latency", id, latencyMs });
            return new Promise((done) => waiting.set(id, () => done()));
          },
          async close() {
            await worker.terminate();
          },
        });
    });
  });
}
