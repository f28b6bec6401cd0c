import { z } from "zod";
import { ROLES } from "./roles";

// Shared by the Users page's forms (checked before sending) and its server actions (checked
// again: the browser's copy is only a convenience).
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 256;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD, `The password needs at least ${MIN_PASSWORD} characters.`)
  .max(MAX_PASSWORD, `The password can have at most ${MAX_PASSWORD} characters.`);

export const roleSchema = z.enum(ROLES, { message: "Choose a role." });
const userId = z.uuid({ message: "Unknown user." });

export const createUserSchema = z.object({
  email: z
    .string()
    .trim()
    .max(320)
    .pipe(z.email({ message: "Enter a valid email address." })),
  name: z.string().trim().max(200, "The name can have at most 200 characters."),
  role: roleSchema,
  password: passwordSchema,
});

export const changeRoleSchema = z.object({ userId, role: roleSchema });
export const resetPasswordSchema = z.object({ userId, password: passwordSchema });
export const setDisabledSchema = z.object({ userId, disabled: z.boolean() });
