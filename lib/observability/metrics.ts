import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { log } from "./logger";
import { currentRequest } from "./request-context";

// Prometheus metrics (GET /api/metrics with DASHBOARD_METRICS_TOKEN). One registry for the
// process, on globalThis because every route is its own bundle. Labels are bounded sets
// (endpoint templates, status codes, kinds), never ids, numbers or user input.

export interface DashboardMetrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  upstreamRequests: Counter<"endpoint" | "status">;
  upstreamRetries: Counter<"endpoint">;
  upstreamRateLimited: Counter<"endpoint">;
  upstreamDuration: Histogram<"endpoint">;
  exportsInFlight: Gauge;
  exportRows: Counter<"export" | "source">;
  exportsFinished: Counter<"export" | "source" | "outcome">;
  syncRuns: Counter<"outcome">;
  syncLastSuccess: Gauge;
  syncLag: Gauge;
  signInFailures: Counter<"reason">;
}

/** Hooks that read state at scrape time (set by the modules that own that state). */
export interface ScrapeSources {
  exportsInFlight?: () => number;
  /** Seconds since the copy's newest covered instant, and the last success (epoch s). */
  sync?: () => Promise<{ lagSeconds: number | null; lastSuccessSeconds: number | null }>;
}

function build(sources: ScrapeSources): DashboardMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  let syncRead: Promise<{ lagSeconds: number | null; lastSuccessSeconds: number | null }> | null =
    null;
  // The two sync gauges are read together, once per scrape.
  const readSync = () => {
    syncRead ??= (sources.sync?.() ?? Promise.resolve(null))
      .then((v) => v ?? { lagSeconds: null, lastSuccessSeconds: null })
      .catch(() => ({ lagSeconds: null, lastSuccessSeconds: null }))
      .finally(() => setTimeout(() => (syncRead = null), 0));
    return syncRead;
  };
  return {
    registry,
    httpRequests: new Counter({
      name: "dashboard_http_requests_total",
      help: "Requests answered, by method, route template and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "dashboard_http_request_duration_seconds",
      help: "Time to answer a request (to the last byte), by route template",
      labelNames: ["method", "route"],
      buckets: latency,
      registers: [registry],
    }),
    upstreamRequests: new Counter({
      name: "mobivate_upstream_requests_total",
      help: "Calls to the Mobivate API (after retries), by endpoint and final status (0: no answer; cancelled: by the dashboard)",
      labelNames: ["endpoint", "status"],
      registers: [registry],
    }),
    upstreamRetries: new Counter({
      name: "mobivate_upstream_retries_total",
      help: "Retries of Mobivate API calls (429, 5xx, timeouts, network errors)",
      labelNames: ["endpoint"],
      registers: [registry],
    }),
    upstreamRateLimited: new Counter({
      name: "mobivate_upstream_rate_limited_total",
      help: "429 answers from the Mobivate API (each attempt)",
      labelNames: ["endpoint"],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: "mobivate_upstream_request_duration_seconds",
      help: "Time of a Mobivate API call including its retries",
      labelNames: ["endpoint"],
      buckets: latency,
      registers: [registry],
    }),
    exportsInFlight: new Gauge({
      name: "dashboard_exports_in_flight",
      help: "Downloads running now",
      registers: [registry],
      collect() {
        this.set(sources.exportsInFlight?.() ?? 0);
      },
    }),
    exportRows: new Counter({
      name: "dashboard_export_rows_total",
      help: "Rows written to downloads, by export and source (live or mirror)",
      labelNames: ["export", "source"],
      registers: [registry],
    }),
    exportsFinished: new Counter({
      name: "dashboard_exports_total",
      help: "Downloads ended, by export, source and outcome (completed, failed, cancelled)",
      labelNames: ["export", "source", "outcome"],
      registers: [registry],
    }),
    syncRuns: new Counter({
      name: "dashboard_sync_runs_total",
      help: "Sync cycles of the local copy, by outcome (done, failed, busy)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    syncLastSuccess: new Gauge({
      name: "dashboard_sync_last_success_timestamp_seconds",
      help: "When the last sync cycle succeeded (Unix time; NaN: never, or the copy is off)",
      registers: [registry],
      async collect() {
        const { lastSuccessSeconds } = await readSync();
        // NaN, not 0: "never" must not read as "in 1970" on a graph.
        this.set(lastSuccessSeconds ?? Number.NaN);
      },
    }),
    syncLag: new Gauge({
      name: "dashboard_sync_lag_seconds",
      help: "How far the local copy is behind now (seconds since its newest covered instant; NaN: nothing copied)",
      registers: [registry],
      async collect() {
        const { lagSeconds } = await readSync();
        this.set(lagSeconds ?? Number.NaN);
      },
    }),
    signInFailures: new Counter({
      name: "dashboard_sign_in_failures_total",
      help: "Refused sign-ins, by reason (invalid, locked, disabled)",
      labelNames: ["reason"],
      registers: [registry],
    }),
  };
}

const KEY = Symbol.for("mobivate-dashboard.metrics");
const SOURCES = Symbol.for("mobivate-dashboard.metrics-sources");
type WithMetrics = typeof globalThis & { [KEY]?: DashboardMetrics; [SOURCES]?: ScrapeSources };

function sources(): ScrapeSources {
  const g = globalThis as WithMetrics;
  g[SOURCES] ??= {};
  return g[SOURCES];
}

export function metrics(): DashboardMetrics {
  const g = globalThis as WithMetrics;
  g[KEY] ??= build(sources());
  return g[KEY];
}

/** Registers what the gauges read at scrape time (idempotent; the last call wins). */
export function setScrapeSources(next: ScrapeSources): void {
  Object.assign(sources(), next);
}

/** Tests: a fresh registry. */
export function resetMetrics(): void {
  delete (globalThis as WithMetrics)[KEY];
}

/**
 * A path as a bounded label: ids and numbers become `:id` (/messages/8f3… → /messages/:id),
 * Next's assets collapse to one label.
 */
export function routeLabel(path: string): string {
  if (path.startsWith("/_next/")) return "/_next/*";
  const isId = (s: string) => /^[\w-]+$/.test(s) && (/\d/.test(s) || s.length >= 20);
  const parts = path.split("/").map((s) => (isId(s) ? ":id" : s));
  const label = parts.slice(0, 5).join("/");
  return label.length > 80 ? label.slice(0, 80) : label || "/";
}

/** A refused sign-in (counted, and logged without the email or the password). */
export function observeSignInFailure(reason: "invalid" | "locked" | "disabled"): void {
  try {
    metrics().signInFailures.inc({ reason });
  } catch {
    // Metrics never break a sign-in.
  }
  log().warn({ requestId: currentRequest()?.id, reason }, "sign-in refused");
}
