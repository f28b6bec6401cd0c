"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { SourceLabel } from "@/components/mirror/source-label";
import type { AnswerSource } from "@/lib/mirror/answer-source";

/** Where a message's page came from; "Read live" reloads it with `live=1`. */
export function DetailSource({ source }: { source: AnswerSource }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  return (
    <SourceLabel
      source={source}
      busy={pending}
      onReadLive={() => {
        const next = new URLSearchParams(params.toString());
        next.set("live", "1");
        startTransition(() => router.push(`${pathname}?${next}`));
      }}
    />
  );
}
