"use client";

import { segmentErrorBoundary } from "@/components/ui/segment-error";

export default segmentErrorBoundary("This admin page");
