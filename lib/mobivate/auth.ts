import "server-only";
import { configFrom } from "./config";
import { mobivateFetch } from "./fetch";
import type { CallOptions } from "./messages";
import { parsePayload } from "./parse";
import { authTestSchema } from "./schemas";

/** `GET /auth/test`: resolves with the API's message when the key is valid. */
export async function testApiKey(opts: CallOptions): Promise<string> {
  const cfg = await configFrom(opts.cfg);
  const data = await mobivateFetch(cfg, { path: "/auth/test", signal: opts.signal });
  return parsePayload(authTestSchema, data, "auth test").message;
}
