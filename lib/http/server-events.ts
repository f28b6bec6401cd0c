import "server-only";
import net from "node:net";

// The App Router has no hook before Next parses a request or after a response ends, so the
// few things that need one (the peer address, the request log, the 431 answer) wrap the
// `emit` of every net.Server (http and https servers inherit it). This is the one place that
// does the wrapping: each hook is installed once per process, under its own name, on
// globalThis (instrumentation and the app's routes are separate bundles in one process).

/** `next()` passes the event on (to the next hook, then Node's listeners). */
export type ServerEventHook = (
  server: net.Server,
  event: string | symbol,
  args: unknown[],
  next: () => boolean,
) => boolean;

const flag = (name: string) => Symbol.for(`mobivate-dashboard.${name}`);
type Flags = Record<symbol, boolean | undefined>;

export function serverEventHookInstalled(name: string): boolean {
  return (globalThis as unknown as Flags)[flag(name)] === true;
}

/** Runs `hook` for every event of every HTTP server from now on. Idempotent per name. */
export function installServerEventHook(name: string, hook: ServerEventHook): void {
  if (serverEventHookInstalled(name)) return;
  const proto = net.Server.prototype;
  type Emit = (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const original = proto.emit as Emit;
  const emit: Emit = function (event, ...args) {
    return hook(this, event, args, () => original.call(this, event, ...args));
  };
  proto.emit = emit as typeof proto.emit;
  (globalThis as unknown as Flags)[flag(name)] = true;
}
