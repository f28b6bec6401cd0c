import { redirect } from "next/navigation";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  await requirePage(PAGES.admin);
  redirect("/admin/users");
}
