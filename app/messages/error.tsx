"use client";

import { segmentErrorBoundary } from "@/components/ui/segment-error";

export default segmentErrorBoundary("The messages page", "/messages");
