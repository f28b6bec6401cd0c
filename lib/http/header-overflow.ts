import "server-only";
import type { Duplex } from "node:stream";
import type { ErrorBody } from "./error-body";
import { installServerEventHook } from "./server-events";

// Node refuses a request head over its 16 KiB limit (a link with a 100 kB filter, a cookie
// flood) before Next or proxy.ts runs, with a bare "431" and no body: the person reads
// nothing. This hook, installed once at start (instrumentation.ts), answers that case in
// words instead: JSON for /api/* (what scripts parse), a small page otherwise. Other parse
// errors keep Node's own answer.

const MESSAGE =
  "This request is too large: its link (or its cookies) has more than 16 KiB, far more than " +
  "any page or search needs. Open the page from the menu and set the filters again.";

/** What a refused head gets: JSON when the request line names an /api/ path. */
export function headerOverflowResponse(rawPacket: Buffer | undefined): string {
  // The request line is at the start of the packet that overflowed (when Node still has it).
  const start = rawPacket?.subarray(0, 64).toString("latin1") ?? "";
  const isApi = /^[A-Z]{3,7} \/api\//.test(start);
  const body = isApi
    ? JSON.stringify({
        error: { kind: "bad-request", status: 431, message: MESSAGE },
      } satisfies ErrorBody)
    : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Request too large</title></head>` +
      `<body><h1>This link is too long</h1><p>${MESSAGE}</p><p><a href="/">Back to the dashboard</a></p></body></html>`;
  const type = isApi ? "application/json" : "text/html; charset=utf-8";
  return (
    "HTTP/1.1 431 Request Header Fields Too Large\r\n" +
    `Content-Type: ${type}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" +
    body
  );
}

/** Answers HPE_HEADER_OVERFLOW client errors in words on every HTTP server. Idempotent. */
export function installHeaderOverflowAnswer(): void {
  installServerEventHook("header-overflow-answer", (server, event, args, next) => {
    if (event === "clientError" && server.listenerCount("clientError") === 0) {
      const [err, socket] = args as [NodeJS.ErrnoException & { rawPacket?: Buffer }, Duplex];
      if (err?.code === "HPE_HEADER_OVERFLOW" && socket?.writable) {
        socket.end(headerOverflowResponse(err.rawPacket));
        return true;
      }
    }
    return next();
  });
}
