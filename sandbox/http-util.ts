// Plain node:http helpers: JSON responses in the API's error envelope, bounded body reading.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The API's error shape: {"code": <http status>, "message": "<text>"}. */
export function errorResponse(
  status: number,
  message = STATUS_CODES[status] ?? "Error",
  headers?: Record<string, string>,
): ApiResponse {
  return { status, body: { code: status, message }, headers };
}

export function sendJson(res: ServerResponse, response: ApiResponse): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
    ...response.headers,
  });
  res.end(payload);
}

export function sendRaw(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers?: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export class BodyTooLargeError extends Error {}

/** Reads the whole request body as UTF-8, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError("Request body too large"));
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on("end", () => {
      ended = true;
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (error) => {
      if (!failed) reject(error);
      failed = true;
    });
    // A client that disconnects mid-body may not produce 'error': settle on 'close' too.
    req.on("close", () => {
      if (!ended && !failed) reject(new Error("Request aborted"));
      failed = true;
    });
  });
}

export type JsonBody = { ok: true; value: unknown; empty: boolean } | { ok: false };

/** Parses a JSON request body; an empty body is reported as such, not as an error. */
export function parseJsonBody(raw: string): JsonBody {
  if (raw.trim() === "") return { ok: true, value: undefined, empty: true };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown, empty: false };
  } catch {
    return { ok: false };
  }
}
