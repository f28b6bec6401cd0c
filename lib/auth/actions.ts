"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { recordAuditOrLog } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { observeSignInFailure } from "@/lib/observability/metrics";
import { authSettings } from "./env";
import { getCurrentUser, sessionToken, writeSessionCookie } from "./guards";
import { authenticate } from "./login";
import { MAX_PASSWORD_LENGTH } from "./password";
import { clientIp, safeNextPath, userAgent } from "./request-info";
import { homePathFor } from "./pages";
import { sessionCookieName } from "./session-cookie";
import { deleteSession } from "./session-store";
import { describeStartupError } from "./startup-error";

export interface LoginState {
  error: string | null;
  /** ISO instant after which a locked sign-in may be tried again (the form shows local time). */
  retryAt?: string;
  /** The lock is on the account, which an admin can lift on the Users page. */
  unlockable?: boolean;
  email?: string;
}

const loginSchema = z.object({
  // Refused before the lookup: the email is also the audit entry's target (no NUL in text).
  email: safeText({ max: 320, label: "The email address" })
    .trim()
    .min(1, "Enter your email address."),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
  next: z.string().max(2000).optional(),
});

const INVALID = "That email and password do not match an account. Check both and try again.";

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    next: form.get("next") ?? undefined,
  });
  const email = typeof form.get("email") === "string" ? String(form.get("email")) : "";
  if (!parsed.success) {
    return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  }
  const h = await headers();
  let result;
  try {
    const settings = authSettings();
    result = await authenticate(
      await getDb(),
      {
        email: parsed.data.email,
        password: parsed.data.password,
        ip: clientIp(h),
        userAgent: userAgent(h),
      },
      settings,
    );
  } catch (err) {
    return { error: describeStartupError(err), email };
  }
  if (!result.ok) {
    observeSignInFailure(result.reason);
    if (result.reason === "locked") {
      return {
        error:
          result.scope === "account"
            ? "Too many failed sign-ins for this account."
            : "Too many failed sign-ins from your network address.",
        retryAt: result.retryAt.toISOString(),
        unlockable: result.scope === "account",
        email,
      };
    }
    if (result.reason === "disabled") {
      return { error: "This account is disabled. Ask an admin to enable it.", email };
    }
    return { error: INVALID, email };
  }
  await writeSessionCookie(result.token);
  redirect(safeNextPath(parsed.data.next) ?? homePathFor(result.user.role));
}

/** Ends this session (deleted in the database, cookie cleared) and goes to the login page. */
export async function logoutAction(): Promise<void> {
  const token = await sessionToken();
  if (token) {
    const user = await getCurrentUser().catch(() => null);
    try {
      await deleteSession(await getDb(), token);
    } catch {
      // The cookie is cleared below either way.
    }
    if (user) {
      // The session is already deleted: signing out must not fail on the audit log
      // (a failed write is retried and logged).
      await recordAuditOrLog({
        actor: { id: user.id, email: user.email },
        action: "auth.logout",
        target: user.email,
        outcome: "success",
      });
    }
  }
  (await cookies()).delete(sessionCookieName());
  redirect("/login?signedOut=1");
}
