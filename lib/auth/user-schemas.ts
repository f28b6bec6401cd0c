import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { MAX_PASSWORD, MIN_PASSWORD } from "./password-rules";
import { ROLES } from "./roles";

// Shared by the Users page's forms (checked before sending) and its server actions (checked
// again: the browser's copy is only a convenience). Every text goes through safeText: the
// length is checked first, and a control character (PostgreSQL refuses NUL in text) is refused
// in words before anything reaches the database or the audit log.
export { MAX_PASSWORD, MIN_PASSWORD } from "./password-rules";

export const passwordSchema = safeText({ max: MAX_PASSWORD, label: "The password" }).min(
  MIN_PASSWORD,
  `The password needs at least ${MIN_PASSWORD} characters.`,
);

export const roleSchema = z.enum(ROLES, { message: "Choose a role." });
const userId = z.uuid({ message: "Unknown user." });

export const createUserSchema = z.object({
  email: safeText({ max: 320, label: "The email address" })
    .trim()
    .pipe(z.email({ message: "Enter a valid email address." })),
  name: safeText({ max: 200, label: "The name" }).trim(),
  role: roleSchema,
  password: passwordSchema,
});

export const changeRoleSchema = z.object({ userId, role: roleSchema });
export const resetPasswordSchema = z.object({ userId, password: passwordSchema });
export const setDisabledSchema = z.object({ userId, disabled: z.boolean() });
