import "server-only";
import { log } from "@/lib/observability/logger";
import { unstable_rethrow } from "next/navigation";
import { safeErrorText } from "@/lib/db/safe-error";
import { getCurrentUser, type SessionUser } from "./guards";

/** The session as the app shell (the menu and the user menu in the header) shows it. */
export type ShellSession =
  | { state: "signed-in"; user: SessionUser }
  | { state: "signed-out" }
  /** The session could not be read (database down, configuration invalid). */
  | { state: "unavailable" };

/**
 * The header must still render when the session cannot be read, so the page below can say
 * why (the login page names the problem; any other page throws the same error to its error
 * boundary). That case is "unavailable", never "signed-out": a database outage must not look
 * like being signed out.
 */
export async function shellSession(): Promise<ShellSession> {
  try {
    const user = await getCurrentUser();
    return user ? { state: "signed-in", user } : { state: "signed-out" };
  } catch (err) {
    unstable_rethrow(err); // Next's own control flow (e.g. rendering turned dynamic) goes on
    log().error(`The session could not be read for the page header: ${safeErrorText(err)}`);
    return { state: "unavailable" };
  }
}
