"use client";

import { segmentErrorBoundary } from "@/components/ui/segment-error";

export default segmentErrorBoundary("The spend page", "/spend");
