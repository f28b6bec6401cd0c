// Runs the Mobivate API sandbox until SIGINT/SIGTERM.
//   npx tsx scripts/sandbox.ts --port 4010 --messages 100000 --seed 1 --span-days 60 \
//     --latency 50 --fault-rate 0.1 --api-key <uuid> --clock real --future-days 1
// Prints "SANDBOX_READY <url>" once listening so other scripts can wait for that line.
import { parseArgs } from "node:util";
import { DEFAULT_SANDBOX_API_KEY, startSandbox, type SandboxOptions } from "../sandbox/server";

const USAGE = `Usage: npx tsx scripts/sandbox.ts [options]
  --port <n>            port (default $SANDBOX_PORT or 4010; 0 = any free port)
  --host <addr>         interface to bind (default 127.0.0.1)
  --api-key <key>       accepted API key (default $SANDBOX_API_KEY or ${DEFAULT_SANDBOX_API_KEY})
  --messages <n>        number of messages (default 20000)
  --seed <n>            dataset seed (default 1)
  --span-days <n>       days of history ending at --end (default 60)
  --end <date>          end of the data span, e.g. 2023-01-05T00:00:00Z (default now)
  --optouts <n>         number of opt-outs (default messages/100, at least 50)
  --future-days <n>     days of data after --end (new messages, status changes, opt-outs
                        added/removed), visible as the clock passes them (default 0)
  --clock <mode>        fixed: everything visible and final (default without --future-days);
                        real: wall time, continuing from --end (new traffic as time passes);
                        <ISO instant>: frozen there (default with --future-days: --end).
                        Change it while running: POST /__sandbox/clock
  --latency <ms>        delay added to every API response (default 0)
  --jitter <ms>         extra random delay up to this much (default 0)
  --fault-rate <0..1>   fraction of API requests answered 429/500/502/503 (default 0)
  --slow-rate <0..1>    fraction of responses delayed by --slow-ms more (default 0)
  --slow-ms <ms>        extra delay of slow responses (default 2000)
  --fault-seed <n>      seed of the fault/latency sequence (default 1)
  --help                show this help`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function numberArg(name: string, raw: string | undefined, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    fail(`--${name} must be ${integer ? "an integer" : "a number"}, got "${raw}"`);
  }
  return value;
}

function clockArg(raw: string | undefined): SandboxOptions["clock"] {
  if (raw === undefined || raw === "fixed" || raw === "real") return raw;
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(Date.parse(raw))) {
    fail(`--clock must be fixed, real or an ISO instant (2023-01-05T00:00:00Z), got "${raw}"`);
  }
  return raw;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "api-key": { type: "string" },
        messages: { type: "string" },
        seed: { type: "string" },
        "span-days": { type: "string" },
        end: { type: "string" },
        optouts: { type: "string" },
        "future-days": { type: "string" },
        clock: { type: "string" },
        latency: { type: "string" },
        jitter: { type: "string" },
        "fault-rate": { type: "string" },
        "slow-rate": { type: "string" },
        "slow-ms": { type: "string" },
        "fault-seed": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const options: SandboxOptions = {
    port: numberArg("port", values.port ?? process.env.SANDBOX_PORT ?? "4010", true),
    host: values.host ?? "127.0.0.1",
    apiKey: values["api-key"] ?? process.env.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY,
    messages: numberArg("messages", values.messages, true),
    seed: numberArg("seed", values.seed, true),
    spanDays: numberArg("span-days", values["span-days"]),
    end: values.end,
    optouts: numberArg("optouts", values.optouts, true),
    futureDays: numberArg("future-days", values["future-days"]),
    clock: clockArg(values.clock),
    latencyMs: numberArg("latency", values.latency),
    latencyJitterMs: numberArg("jitter", values.jitter),
    faultRate: numberArg("fault-rate", values["fault-rate"]),
    slowRate: numberArg("slow-rate", values["slow-rate"]),
    slowMs: numberArg("slow-ms", values["slow-ms"]),
    faultSeed: numberArg("fault-seed", values["fault-seed"], true),
  };
  if (options.end !== undefined && Number.isNaN(new Date(options.end).getTime())) {
    fail(`--end must be a date, got "${options.end}"`);
  }

  const started = performance.now();
  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    console.error(`Could not start the sandbox: ${(error as Error).message}`);
    process.exit(1);
  }
  const info = sandbox.info();
  console.log(
    `Mobivate sandbox listening on ${sandbox.url} (API key: ${sandbox.apiKey}, ` +
      `${info.messages} messages, ${info.optouts} opt-outs, ${info.startDate} .. ${info.endDate}, ` +
      `ready in ${Math.round(performance.now() - started)} ms)`,
  );
  const clock = info.clock;
  console.log(
    clock.mode === "fixed"
      ? "Clock: fixed (everything visible and final)"
      : `Clock: ${clock.mode === "real" ? "real time" : "set"}, now ${clock.nowIso}; ` +
          `${info.visibleMessages} messages visible, data until ${new Date(info.futureEndMs).toISOString()}`,
  );
  console.log(`SANDBOX_READY ${sandbox.url}`);

  const stop = (signal: string): void => {
    console.log(`Received ${signal}, shutting down`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

void main();
