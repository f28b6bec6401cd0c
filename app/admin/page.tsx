import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  await requirePermission("users:manage");
  redirect("/admin/users");
}
