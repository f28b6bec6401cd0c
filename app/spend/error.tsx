"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";

export default function SpendError(props: ErrorInfo) {
  return (
    <SegmentError
      {...props}
      what="The spend page"
      way={{ href: "/spend", label: "Reset the filters" }}
    />
  );
}
