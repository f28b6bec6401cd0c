import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";
import type { DetailRange } from "@/lib/filters/detail-range";
import { findReplies } from "@/lib/mobivate/conversations";
import { describeError } from "@/lib/mobivate/errors";
import type { Message } from "@/lib/mobivate/types";
import { resolveMobivateConfig } from "@/lib/settings/mobivate-config";
import { zonedDayRangeToApi } from "@/lib/time/range";
import { MessageCard } from "./message-card";

/** Server component streamed behind Suspense: the replies take a whole-range read. */
export async function Replies({
  id,
  range,
  hrefFor,
}: {
  id: string;
  range: DetailRange;
  hrefFor: string;
}) {
  let replies: Message[];
  try {
    const { startDate, endDate } = zonedDayRangeToApi(range.from, range.to, range.tz);
    replies = await findReplies(id, { startDate, endDate }, { cfg: resolveMobivateConfig });
  } catch (err) {
    return <ErrorPanel error={describeError(err)} />;
  }
  if (replies.length === 0) {
    return (
      <p className="text-sm text-slate-700" data-testid="no-replies">
        No replies in this range.{" "}
        <Link
          className="font-medium text-brand-700 underline"
          href={`?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(hrefFor)), to: range.today })}`}
        >
          Search up to today
        </Link>
      </p>
    );
  }
  return (
    <ol className="space-y-2" data-testid="replies">
      {replies.map((r) => (
        <li key={r.id}>
          <MessageCard
            message={r}
            tz={range.tz}
            href={`/messages/${encodeURIComponent(r.id)}?${hrefFor}`}
          />
        </li>
      ))}
    </ol>
  );
}
