"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";

export default function OptOutsError(props: ErrorInfo) {
  return (
    <SegmentError
      {...props}
      what="The opt-outs page"
      way={{ href: "/optouts", label: "Reset the filters" }}
    />
  );
}
