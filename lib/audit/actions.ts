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
  "optout.add": "Opt-out added",
  "optout.remove": "Opt-out removed",
  "export.messages": "Messages CSV export",
  "export.optouts": "Opt-outs CSV export",
  "export.sent_after_optout": "Sent-after-opt-out CSV export",
  "export.audit": "Audit log CSV export",
  "access.denied": "Access refused",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditOutcome = "success" | "failure" | "denied";
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ["success", "failure", "denied"];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && Object.hasOwn(AUDIT_ACTIONS, value);
}
