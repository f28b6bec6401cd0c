"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
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
  return (
    // URL state (components/filters/use-url-filters.ts) reads and writes through Next's router.
    <NuqsAdapter>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </NuqsAdapter>
  );
}
