import "server-only";
import type { z } from "zod";
import { MobivateError } from "./errors";

/** Validates an API payload; a mismatch is an `invalid-response` error, not a crash. */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new MobivateError(
      "invalid-response",
      `Unexpected ${what} payload: ${first ? `${first.path.join(".")} ${first.message}` : "invalid"}`,
    );
  }
  return parsed.data;
}
