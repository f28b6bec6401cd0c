"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";

export default function MessagesError(props: ErrorInfo) {
  return (
    <SegmentError
      {...props}
      what="The messages page"
      way={{ href: "/messages", label: "Reset the filters" }}
    />
  );
}
