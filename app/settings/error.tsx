"use client";

import type { ErrorInfo } from "next/error";
import { SegmentError } from "@/components/ui/segment-error";

export default function SettingsError(props: ErrorInfo) {
  return <SegmentError {...props} what="The settings page" />;
}
