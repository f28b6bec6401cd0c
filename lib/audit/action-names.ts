// Audit action names: one list so the log, its filters and its CSV agree. Pure data (the
// admin page's filter form uses it too).

export const AUDIT_ACTIONS = {
  "auth.login": "Signed in",
  "auth.login_failed": "Failed sign-in",
  "auth.logout": "Signed out",
  "user.create": "User created",
  "user.role_change": "Role changed",
  "user.password_reset": "Password reset",
  "user.disable": "User disabled",
  "user.enable": "User enabled",
  "user.unlock": "Account unlocked",
  "settings.key_change": "API key changed",
  "settings.key_clear": "API key removed",
  "settings.key_test": "API key tested",
  // Written BEFORE the API is asked (outcome "attempt"), so a change at the provider is never
  // unaudited; the result follows as optout.add / optout.already / optout.remove.
  "optout.add_requested": "Opt-out requested",
  "optout.add": "Opt-out added",
  "optout.already": "Already opted out",
  "optout.remove_requested": "Opt-out removal requested",
  "optout.remove": "Opt-out removed",
  "export.messages": "Messages CSV export",
  "export.optouts": "Opt-outs CSV export",
  "export.sent_after_optout": "Sent-after-opt-out CSV export",
  "export.audit": "Audit log CSV export",
  "access.denied": "Access refused",
  "sync.now": "Sync started by hand",
  "sync.wipe": "Local copy wiped",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditOutcome = "success" | "failure" | "denied" | "attempt";

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && Object.hasOwn(AUDIT_ACTIONS, value);
}
