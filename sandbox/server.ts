// The sandbox HTTP server: a local stand-in for https://api.mobivatebulksms.com.
// Per API request: count it, read the body, wait out the injected latency (giving up
// silently if the client aborts), answer with an injected fault if one is due, check the
// key, then run the endpoint.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dispatch, matchRoute } from "./api-routes";
import { SandboxClock, type ClockSetting } from "./clock";
import { CONTROL_PREFIX, handleControl, type SandboxControl } from "./control-routes";
import { createDataset, type Dataset, type DatasetOptions } from "./dataset";
import { formatApiTimestamp } from "./dates";
import { FaultInjector, validateFailRule } from "./faults";
import { BodyTooLargeError, errorResponse, readBody, sendJson, sendRaw } from "./http-util";
import {
  DEFAULT_RUNTIME_OPTIONS,
  validateRuntimeOptions,
  type RuntimeOptions,
} from "./runtime-options";
import { parseListQuery } from "./query-params";
import { StatsCollector, type PageWindow } from "./stats";
import { createTimeControl } from "./time-handle";

export { DEFAULT_SANDBOX_API_KEY } from "./runtime-options";

export interface SandboxOptions extends DatasetOptions, Partial<RuntimeOptions> {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** A ready dataset (the dataset options are then ignored). */
  dataset?: Dataset;
  /**
   * How the clock starts: "fixed" (everything visible and final, as before the sandbox had a
   * clock), "real" (wall time, continuing from the dataset's end), or an instant. Default
   * "fixed", or the dataset's end (its start-up now) when it has futureDays.
   */
  clock?: ClockSetting;
}

export interface SandboxHandle extends SandboxControl {
  /** Base URL, e.g. "http://127.0.0.1:4010" (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The key currently accepted. */
  readonly apiKey: string;
  readonly dataset: Dataset;
  close(): Promise<void>;
}

function isAuthorized(req: IncomingMessage, params: URLSearchParams, apiKey: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1] === apiKey || params.get("api_key") === apiKey;
}

/** Resolves true after `ms`, or false as soon as the response is closed (client gone). */
function waitUnlessClosed(ms: number, res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once("close", onClose);
  });
}

/** What a list-page request asked for, for the request log (null when not a valid one). */
function pageWindow(method: string, template: string, params: URLSearchParams): PageWindow | null {
  if (method !== "GET" || (template !== "/message" && template !== "/addressbook/optout")) {
    return null;
  }
  const parsed = parseListQuery(params, template === "/message");
  if (!parsed.ok) return null;
  const { startMs, endMs, page, pageSize, direction } = parsed.query;
  return { startMs, endMs, page, pageSize, direction: direction ?? null };
}

function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    // Prefixing (rather than using a base URL) keeps "//message" a path, not a host.
    return new URL(`http://sandbox${raw?.startsWith("/") ? raw : `/${raw ?? ""}`}`);
  } catch {
    return null;
  }
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const dataset = opts.dataset ?? createDataset(opts);
  const initialValidation = validateRuntimeOptions(
    Object.fromEntries(
      Object.keys(DEFAULT_RUNTIME_OPTIONS).map((k) => [k, opts[k as keyof RuntimeOptions]]),
    ),
  );
  if (!initialValidation.ok) throw new RangeError(initialValidation.message);
  const initialRuntime: RuntimeOptions = { ...DEFAULT_RUNTIME_OPTIONS, ...initialValidation.value };
  let runtime: RuntimeOptions = { ...initialRuntime };
  const stats = new StatsCollector();
  const faults = new FaultInjector(() => runtime);
  const clock = new SandboxClock(
    opts.clock ?? (dataset.futureEndMs > dataset.endMs ? dataset.endMs : "fixed"),
    dataset.endMs,
    dataset.futureEndMs,
  );

  const control: SandboxControl = {
    ...createTimeControl(dataset, clock),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    requests: (filter) => stats.requests(filter),
    options: () => ({ ...runtime, faultStatuses: [...runtime.faultStatuses] }),
    setOptions(partial) {
      const parsed = validateRuntimeOptions(partial);
      if (!parsed.ok) throw new RangeError(parsed.message);
      runtime = { ...runtime, ...parsed.value };
      if (parsed.value.faultSeed !== undefined) faults.reseed(parsed.value.faultSeed);
      return control.options();
    },
    failNext(rule) {
      const parsed = validateFailRule(rule);
      if (!parsed.ok) throw new RangeError(parsed.message);
      faults.add(parsed.value);
    },
    pendingFaults: () => faults.pending(),
    clearFaults: () => faults.clear(),
    reset() {
      stats.reset();
      faults.clear();
      runtime = { ...initialRuntime };
      faults.reseed(runtime.faultSeed);
      dataset.optouts.reset();
      clock.reset();
    },
    info: () => ({
      seed: dataset.seed,
      messages: dataset.size,
      moCount: dataset.moCount,
      mtCount: dataset.mtCount,
      optouts: dataset.optouts.count,
      startMs: dataset.startMs,
      endMs: dataset.endMs,
      startDate: formatApiTimestamp(dataset.startMs),
      endDate: formatApiTimestamp(dataset.endMs),
      futureEndMs: dataset.futureEndMs,
      visibleMessages: dataset.countAt(clock.now()),
      visibleOptouts: dataset.optouts.countAt(clock.now()),
      clock: clock.state(),
    }),
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const match = matchRoute(url.pathname);
    const template = match.route?.template ?? "(unknown)";
    const window = pageWindow(method, template, url.searchParams);
    const token = stats.begin(method, template, url.pathname, url.search, window);
    let faulted = false;
    let droppedByUs = false;
    res.once("close", () => {
      const finished = res.writableFinished;
      token.finish({
        status: finished ? res.statusCode : null,
        aborted: !finished && !droppedByUs,
        fault: faulted,
      });
    });

    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        sendJson(res, errorResponse(413, "Payload Too Large"));
      return; // otherwise the client went away mid-body
    }

    const plan = faults.plan(method, url.pathname);
    if (!(await waitUnlessClosed(plan.delayMs, res))) return; // aborted: write nothing

    if (plan.fault) {
      faulted = true;
      if (plan.fault.kind === "reset") {
        droppedByUs = true;
        req.socket.destroy();
        return;
      }
      const { status, body: faultBody, contentType, headers } = plan.fault;
      sendRaw(res, status, faultBody, contentType, headers);
      return;
    }

    if (!isAuthorized(req, url.searchParams, runtime.apiKey)) {
      sendJson(res, errorResponse(401, "Unauthorized"));
      return;
    }
    const request = {
      method,
      pathname: url.pathname,
      params: url.searchParams,
      body,
      // Read after the latency wait: the answer is the API's state when it is computed.
      nowMs: clock.now(),
      stampMs: clock.stampMs(),
    };
    sendJson(res, dispatch(dataset, request, match));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestUrl(req.url);
    if (!url) {
      req.resume();
      sendJson(res, errorResponse(400, "Bad Request"));
      return;
    }
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      let body = "";
      try {
        body = await readBody(req);
      } catch {
        sendJson(res, errorResponse(413, "Payload Too Large"));
        return;
      }
      const method = req.method ?? "GET";
      sendJson(res, handleControl(control, method, url.pathname, body, url.searchParams));
      return;
    }
    await handleApi(req, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Never crash the process on a bad request: answer 500 if we still can.
      sendJson(res, errorResponse(500, "Internal Server Error"));
    });
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const baseUrl = `http://${urlHost.includes(":") ? `[${urlHost}]` : urlHost}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    ...control,
    url: baseUrl,
    port,
    host,
    get apiKey() {
      return runtime.apiKey;
    },
    dataset,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets and requests waiting out latency would hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
