import "server-only";
import { log } from "@/lib/observability/logger";
import { safeErrorText } from "@/lib/db/safe-error";
import { AuthConfigError } from "./env";

/**
 * Words for the login page when the server cannot check accounts: the configuration issue
 * itself (it names variables, never values), else a generic line; details go to the log.
 */
export function describeStartupError(err: unknown): string {
  if (err instanceof AuthConfigError) {
    return `The dashboard is not configured correctly: ${err.issues.join("; ")}. Fix the server's environment and restart it.`;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/data directory .* is in use/.test(message)) return message;
  log().error(`Dashboard storage error: ${safeErrorText(err)}`);
  return "The dashboard could not open its database. The server log has the details; try again shortly.";
}
