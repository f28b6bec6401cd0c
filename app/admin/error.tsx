"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";

export default function AdminError(props: ErrorInfo) {
  return (
    <SegmentError
      {...props}
      what="This admin page"
      way={{ href: "/admin/users", label: "Go to the Users page" }}
    />
  );
}
