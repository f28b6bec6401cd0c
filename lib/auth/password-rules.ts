// The password lengths, without zod: the Users page shows the minimum in its first load and
// loads the form schemas (lib/auth/user-schemas.ts) only when a form is sent.
export const MIN_PASSWORD = 12;
// = lib/auth/password.ts MAX_PASSWORD_LENGTH (that module is server-only; this one is not).
export const MAX_PASSWORD = 256;
