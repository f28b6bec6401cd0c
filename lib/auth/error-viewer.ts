import "server-only";
import type { ErrorViewer } from "@/lib/mobivate/errors";
import { getCurrentUser } from "./guards";
import { can } from "./roles";

/**
 * Who reads an error about the provider: only roles that may manage Settings can fix a
 * rejected key, so describeError words it for them or tells everyone else to ask an admin.
 */
export async function errorViewer(): Promise<ErrorViewer | undefined> {
  const user = await getCurrentUser().catch(() => null);
  return user ? { canManageSettings: can(user.role, "settings:manage") } : undefined;
}
