import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/guards";

// Checked here, above the segment's loading boundary, so a refusal is a real redirect or 403
// status before anything streams (the page checks again itself).
export default async function Layout({ children }: { children: ReactNode }) {
  await requirePermission("spend:read");
  return children;
}
