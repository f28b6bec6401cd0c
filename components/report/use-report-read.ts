"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type * as z from "zod/mini";
import { describeFailedRead } from "@/lib/errors/dashboard";
import type { ApiErrorInfo } from "@/lib/errors/kinds";
import { fetchReport, ReportRequestError } from "@/lib/report/fetch-report";
import type { ProgressLine, ReportLine } from "@/lib/report/protocol";

// The read of a whole-range report in the browser (Spend, Delivery, Compliance): progress,
// Cancel, "Start again", "Read again" past the server's cache, "Read live from Mobivate" past
// the local copy, and a browser cache of a few minutes, generic over the result.
//
// A live read is one request, not a filter: the URL keeps only what is asked (the range), so
// a shared link or a reload answers from the copy again, at once; "Read again" is not in the
// URL either.

/** Reports change little; the same range asked twice in this window is instant. */
const STALE_MS = 5 * 60_000;

/**
 * `queryKey` names the range (a new key starts a new read); `urlFor` is the report route's
 * URL, with `refresh=1` when asked to read past the server's cache and `live=1` when asked to
 * read Mobivate rather than the local copy.
 */
export function useReportRead<Result, Progress extends ProgressLine>(
  queryKey: readonly unknown[],
  urlFor: (refresh: boolean, live: boolean) => string,
  schema: z.ZodMiniType<ReportLine<Result, Progress>>,
) {
  const queryClient = useQueryClient();
  const keyText = JSON.stringify(queryKey);
  // Progress and "cancelled" belong to one range: a stale value of another is not shown.
  const [progress, setProgress] = useState<{ key: string; value: Progress }>();
  const [cancelledKey, setCancelledKey] = useState<string>();
  /** How the next read goes: past the server's cache, and (live) past the local copy. */
  const nextRead = useRef({ refresh: false, live: false });
  const cancelled = cancelledKey === keyText;

  const query = useQuery({
    queryKey,
    // The signal is aborted by Cancel, by a new range and by leaving the page: the request
    // ends, and the server stops reading the API.
    queryFn: ({ signal }) => {
      const { refresh, live } = nextRead.current;
      nextRead.current = { refresh: false, live: false };
      setProgress(undefined);
      return fetchReport<Result, Progress>(urlFor(refresh, live), schema, {
        signal,
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
    nextRead.current = { refresh: true, live: false };
    start();
  };
  const readLive = () => {
    nextRead.current = { refresh: true, live: true };
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
    readLive,
  };
}

export type ReportRead<Result, Progress extends ProgressLine> = ReturnType<
  typeof useReportRead<Result, Progress>
>;
