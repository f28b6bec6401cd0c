import "server-only";
import type { IncomingMessage } from "node:http";
import { installServerEventHook, serverEventHookInstalled } from "@/lib/http/server-events";

// The App Router never sees the TCP peer's address, and `next start` only copies it into
// X-Forwarded-For when the client sent none (see clientIp in ./request-info.ts). This hook,
// installed once when the server starts (instrumentation.ts), writes the socket's address
// into our own request header before Next handles the request, replacing whatever a client
// sent under that name, so clientIp has an address the client cannot choose.

/** Set on every request by the hook; any client-sent value is overwritten or removed. */
export const PEER_ADDRESS_HEADER = "x-dashboard-peer-address";

const HOOK = "peer-address-stamp";

export function peerStampInstalled(): boolean {
  return serverEventHookInstalled(HOOK);
}

/** Writes the socket's address into PEER_ADDRESS_HEADER (removes a forged one otherwise). */
export function stampPeerAddress(req: IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = address;
  else delete req.headers[PEER_ADDRESS_HEADER];
}

/** Stamps every "request" event before any listener (Next's handler) runs. Idempotent. */
export function installPeerAddressStamp(): void {
  installServerEventHook(HOOK, (_server, event, args, next) => {
    if (event === "request") stampPeerAddress(args[0] as IncomingMessage);
    return next();
  });
}
