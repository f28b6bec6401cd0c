"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";

export default function ComplianceError(props: ErrorInfo) {
  return (
    <SegmentError
      {...props}
      what="The compliance report"
      way={{ href: "/compliance", label: "Reset the filters" }}
    />
  );
}
