// Request accounting for tests: how many API calls, to which routes, how many at once,
// how many the client abandoned. Control endpoints (/__sandbox/...) are not counted.

export interface SandboxStats {
  /** API requests received since start or the last reset. */
  requests: number;
  /** Count per route template: "/message", "/message/{id}", "/addressbook/optout", ... */
  byPath: Record<string, number>;
  /** Count per "METHOD template", e.g. "DELETE /addressbook/optout". */
  byRoute: Record<string, number>;
  /** Count per response status ("200", "429"...); aborted requests are not in here. */
  byStatus: Record<string, number>;
  /** Requests being handled right now (including ones waiting out latency). */
  inFlight: number;
  /** Highest inFlight seen since start or the last reset. */
  maxInFlight: number;
  /** Requests the client gave up on before the response was written. */
  aborted: number;
  /** Responses replaced by an injected fault (status or connection reset). */
  faults: number;
}

/** The window a list-page request asked for (GET /message, GET /addressbook/optout). */
export interface PageWindow {
  startMs: number;
  endMs: number;
  page: number;
  pageSize: number;
  direction: "MO" | "MT" | null;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  /** The request's path, e.g. "/message/9A0C…". */
  path: string;
  /** Its route template, e.g. "/message/{id}" ("(unknown)" for no route). */
  route: string;
  query: string;
  /** For a valid list-page request, what it asked for; otherwise null. */
  window: PageWindow | null;
  status: number | null;
  aborted: boolean;
  fault: boolean;
  durationMs: number;
}

/** Enough for a backfill of a few million messages at 1000 per page. */
const LOG_LIMIT = 10_000;

/** Narrows requests(): `path` matches the route template ("/message") or the exact path. */
export interface RequestFilter {
  path?: string;
  method?: string;
}

export interface RequestToken {
  finish(outcome: { status: number | null; aborted: boolean; fault: boolean }): void;
}

export class StatsCollector {
  private stats: SandboxStats = StatsCollector.empty(0);
  private log: RequestLogEntry[] = [];

  private static empty(inFlight: number): SandboxStats {
    return {
      requests: 0,
      byPath: {},
      byRoute: {},
      byStatus: {},
      inFlight,
      maxInFlight: inFlight,
      aborted: 0,
      faults: 0,
    };
  }

  begin(
    method: string,
    template: string,
    path: string,
    query: string,
    window: PageWindow | null = null,
  ): RequestToken {
    const s = this.stats;
    s.requests++;
    s.byPath[template] = (s.byPath[template] ?? 0) + 1;
    const route = `${method} ${template}`;
    s.byRoute[route] = (s.byRoute[route] ?? 0) + 1;
    s.inFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
    const at = Date.now();
    let done = false;
    return {
      finish: ({ status, aborted, fault }) => {
        if (done) return;
        done = true;
        // Use the live object: a reset in between must not resurrect old counters.
        const live = this.stats;
        live.inFlight = Math.max(0, live.inFlight - 1);
        if (aborted) live.aborted++;
        else if (status !== null) live.byStatus[status] = (live.byStatus[status] ?? 0) + 1;
        if (fault) live.faults++;
        this.log.push({
          at,
          method,
          path,
          route: template,
          query,
          window,
          status,
          aborted,
          fault,
          durationMs: Date.now() - at,
        });
        if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
      },
    };
  }

  snapshot(): SandboxStats {
    return structuredClone(this.stats);
  }

  /** Recent finished requests, oldest first (at most 10,000), optionally filtered. */
  requests(filter: RequestFilter = {}): RequestLogEntry[] {
    const method = filter.method?.toUpperCase();
    return this.log
      .filter(
        (e) =>
          (method === undefined || e.method === method) &&
          (filter.path === undefined || e.route === filter.path || e.path === filter.path),
      )
      .map((e) => ({ ...e, window: e.window && { ...e.window } }));
  }

  /** Zeroes the counters; requests still in flight stay counted as in flight. */
  reset(): void {
    this.stats = StatsCollector.empty(this.stats.inFlight);
    this.log = [];
  }
}
