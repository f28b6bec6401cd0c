"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";

export default function DeliveryError(props: ErrorInfo) {
  return (
    <SegmentError
      {...props}
      what="The delivery report"
      way={{ href: "/delivery", label: "Reset the filters" }}
    />
  );
}
