"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // The server already retries the API with back-off; a second retry layer here
          // would multiply the requests.
          queries: { retry: false, staleTime: 60_000, refetchOnWindowFocus: false },
        },
      }),
  );
  // URL state has its adapter where it is used (components/filters/filters-gate.tsx), so
  // pages without filters do not load it.
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
