import { Writable } from "node:stream";
import { createLogger, swapLogger, type LogLevel } from "./logger";

// Tests: the process's log lines as parsed JSON objects, while `captureLogs()` is active.

export interface LogLine {
  level: string;
  msg?: string;
  [field: string]: unknown;
}

export interface CapturedLogs {
  readonly lines: LogLine[];
  /** Every line's raw JSON, for "never contains" checks. */
  text(): string;
  at(level: string): LogLine[];
  restore(): void;
}

export function captureLogs(level: LogLevel = "trace"): CapturedLogs {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString("utf8").split("\n")) {
        if (!l) continue;
        raw.push(l);
        lines.push(JSON.parse(l) as LogLine);
      }
      done();
    },
  });
  const restore = swapLogger(createLogger(sink, level));
  return {
    lines,
    text: () => raw.join("\n"),
    at: (lvl) => lines.filter((l) => l.level === lvl),
    restore,
  };
}
