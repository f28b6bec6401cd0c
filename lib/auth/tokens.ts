import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A new session token for the cookie (never stored: only its hash is). */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the sessions table keys on: SHA-256 of the token, hex. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
