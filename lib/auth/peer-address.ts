import "server-only";
import net from "node:net";
import type { IncomingMessage } from "node:http";

// The App Router never sees the TCP peer's address, and `next start` only copies it into
// X-Forwarded-For when the client sent none (see clientIp in ./request-info.ts). This hook,
// installed once when the server starts (instrumentation.ts), writes the socket's address
// into our own request header before Next handles the request, replacing whatever a client
// sent under that name, so clientIp has an address the client cannot choose.

/** Set on every request by the hook; any client-sent value is overwritten or removed. */
export const PEER_ADDRESS_HEADER = "x-dashboard-peer-address";

// On globalThis: instrumentation and the app's routes are separate bundles in one process.
const INSTALLED = Symbol.for("mobivate-dashboard.peer-address-stamp");
type Flagged = typeof globalThis & { [INSTALLED]?: boolean };

export function peerStampInstalled(): boolean {
  return (globalThis as Flagged)[INSTALLED] === true;
}

/** Writes the socket's address into PEER_ADDRESS_HEADER (removes a forged one otherwise). */
export function stampPeerAddress(req: IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = address;
  else delete req.headers[PEER_ADDRESS_HEADER];
}

/**
 * Wraps `emit` of every net.Server (http and https servers inherit it) so a "request" event
 * is stamped before any listener (Next's handler) runs. Idempotent.
 */
export function installPeerAddressStamp(): void {
  if (peerStampInstalled()) return;
  const proto = net.Server.prototype;
  type Emit = (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const original = proto.emit as Emit;
  const emit: Emit = function (event, ...args) {
    if (event === "request") stampPeerAddress(args[0] as IncomingMessage);
    return original.call(this, event, ...args);
  };
  proto.emit = emit as typeof proto.emit;
  (globalThis as Flagged)[INSTALLED] = true;
}
