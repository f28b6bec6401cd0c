import "server-only";
import { log } from "@/lib/observability/logger";
import { createSafeActionClient, returnServerError } from "next-safe-action";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { safeErrorText } from "@/lib/db/safe-error";
import { describeError } from "@/lib/mobivate/errors";
import { actionGuard } from "./guards";
import { PERMISSIONS_LIST, type Permission } from "./roles";

// The one way to write a server action: its permission is declared once, here, as the
// action's metadata. next-safe-action runs the middleware (the real role guard) before the
// input is parsed, so a refused call never reaches validation, and a throw in the handler
// becomes an error in words instead of a rejected promise. The browser keeps receiving
// ActionResult<T> ({ok, data} | {ok, error}), which React Query consumes as before.

type ActionError = Extract<ActionResult<never>, { ok: false }>["error"];

const client = createSafeActionClient({
  defineMetadataSchema: () =>
    z.object({ permission: z.enum(PERMISSIONS_LIST), label: z.string().min(1) }),
  // Handlers return their own failures; this catches only what they did not expect.
  handleServerError(err): ActionError {
    log().error(`Server action failed: ${safeErrorText(err)}`);
    return describeError(err);
  },
}).use(async ({ next, metadata }) => {
  const denied = await actionGuard(metadata.permission, metadata.label);
  // The guard's own error object, unchanged (signed out, or the role's refusal).
  // Allowed: the guard also slid the session cookie's expiry (see actionGuard).
  if (denied) returnServerError(denied.error);
  return next();
});

/** A server action as exported: one input, a result that never throws, its permission. */
export type AuthorizedAction<In, T> = ((input: In) => Promise<ActionResult<T>>) & {
  readonly permission: Permission;
  readonly label: string;
};

interface Spec<S extends z.ZodType> {
  permission: Permission;
  /** Names the action in the audit log when refused. */
  label: string;
  /** The input's schema; parsed after the guard, before the handler. */
  input: S;
  /** The words for input the schema refused; default: the first issue's message. */
  invalid?: (error: z.ZodError) => ActionError;
}

/**
 * `export const fooAction = authorizedAction({ permission, label, input, invalid },
 * async (parsed) => ({ ok: true, data }))`. Without `input`, the handler takes none.
 */
export function authorizedAction<S extends z.ZodType, T>(
  spec: Spec<S>,
  handler: (input: z.output<S>) => Promise<ActionResult<T>>,
): AuthorizedAction<unknown, T>;
export function authorizedAction<T>(
  spec: Omit<Spec<z.ZodType>, "input" | "invalid">,
  handler: () => Promise<ActionResult<T>>,
): AuthorizedAction<void, T>;
export function authorizedAction<S extends z.ZodType, T>(
  spec: Omit<Spec<S>, "input"> & Partial<Pick<Spec<S>, "input">>,
  handler: (input?: z.output<S>) => Promise<ActionResult<T>>,
): AuthorizedAction<unknown, T> {
  const { permission, label, input, invalid } = spec;
  // Validation is the handler's first step rather than next-safe-action's inputSchema: its
  // errors arrive re-shaped per field, and each form keeps its own wording of the ZodError.
  const safe = client
    .metadata({ permission, label })
    .action(async ({ clientInput }): Promise<ActionResult<T>> => {
      if (!input) return handler();
      const parsed = input.safeParse(clientInput);
      if (!parsed.success) return { ok: false, error: (invalid ?? defaultInvalid)(parsed.error) };
      return handler(parsed.data);
    });
  // Typed for no input (no inputSchema was given to the library); the input passes through.
  const run = safe as unknown as (input: unknown) => ReturnType<typeof safe>;
  const action = async (clientInput: unknown): Promise<ActionResult<T>> => {
    const result = await run(clientInput);
    if (result.data) return result.data;
    if (result.serverError) return { ok: false, error: result.serverError };
    // Neither: only a metadata mistake in this file could lead here.
    return { ok: false, error: describeError(new Error(`Action ${label} returned nothing`)) };
  };
  return Object.assign(action, { permission, label });
}

function defaultInvalid(error: z.ZodError): ActionError {
  return {
    kind: "bad-request",
    status: 400,
    message: error.issues[0]?.message ?? "Check the form.",
  };
}
