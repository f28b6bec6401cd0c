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

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  status: number | null;
  aborted: boolean;
  fault: boolean;
  durationMs: number;
}

const LOG_LIMIT = 1000;

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

  begin(method: string, template: string, path: string, query: string): RequestToken {
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
          query,
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

  /** Recent finished requests, oldest first (at most 1000). */
  requests(): RequestLogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  /** Zeroes the counters; requests still in flight stay counted as in flight. */
  reset(): void {
    this.stats = StatsCollector.empty(this.stats.inFlight);
    this.log = [];
  }
}
