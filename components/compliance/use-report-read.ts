"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ReportRequestError } from "@/lib/report/fetch-report";
import { describeFailedRead, type ApiErrorInfo } from "@/lib/mobivate/errors";

// The read of a whole-range report in the browser, shared by Compliance and Delivery: the
// same behaviour as Spend's view (progress, Cancel, "Start again", "Read again" past the
// server's cache, a browser cache of a few minutes), generic over the result.

/** Reports change little; the same range asked twice in this window is instant. */
const STALE_MS = 5 * 60_000;

export interface ReportFetch<Result, Progress> {
  (opts: {
    signal: AbortSignal;
    refresh: boolean;
    onProgress: (p: Progress) => void;
  }): Promise<Result>;
}

export function useReportRead<Result, Progress>(
  queryKey: readonly unknown[],
  fetchReport: ReportFetch<Result, Progress>,
) {
  const queryClient = useQueryClient();
  const keyText = JSON.stringify(queryKey);
  // Progress and "cancelled" belong to one range: a stale value of another is not shown.
  const [progress, setProgress] = useState<{ key: string; value: Progress }>();
  const [cancelledKey, setCancelledKey] = useState<string>();
  const refreshNext = useRef(false);
  const cancelled = cancelledKey === keyText;

  const query = useQuery({
    queryKey,
    // The signal is aborted by Cancel, by a new range and by leaving the page: the request
    // ends, and the server stops reading the API.
    queryFn: ({ signal }) => {
      const refresh = refreshNext.current;
      refreshNext.current = false;
      setProgress(undefined);
      return fetchReport({
        signal,
        refresh,
        onProgress: (value) => setProgress({ key: keyText, value }),
      });
    },
    staleTime: STALE_MS,
    gcTime: 2 * STALE_MS,
    enabled: !cancelled,
  });

  const cancel = () => {
    setCancelledKey(keyText);
    void queryClient.cancelQueries({ queryKey, exact: true });
  };
  const start = () => {
    setCancelledKey(undefined);
    void query.refetch();
  };
  const readAgain = () => {
    refreshNext.current = true;
    start();
  };

  const error: ApiErrorInfo | undefined = query.error
    ? query.error instanceof ReportRequestError
      ? query.error.info
      : describeFailedRead()
    : undefined;

  return {
    data: query.data,
    error,
    isFetching: query.isFetching,
    progress: progress?.key === keyText ? progress.value : undefined,
    cancelled,
    cancel,
    start,
    readAgain,
  };
}

export type ReportRead<Result, Progress> = ReturnType<typeof useReportRead<Result, Progress>>;
