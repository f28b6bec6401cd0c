import { mirrorReplies } from "@/lib/messages/detail";
import { MessageCard } from "./message-card";

/** The replies the local copy holds, whatever their day (server component, streamed). */
export async function MirrorReplies({
  id,
  tz,
  hrefFor,
}: {
  id: string;
  tz: string;
  hrefFor: (id: string) => string;
}) {
  const replies = await mirrorReplies(id);
  if (replies.length === 0) {
    return (
      <p className="text-sm text-slate-700" data-testid="no-replies">
        No replies in the local copy.
      </p>
    );
  }
  return (
    <ol className="space-y-2" data-testid="replies">
      {replies.map((r) => (
        <li key={r.id}>
          <MessageCard message={r} tz={tz} href={hrefFor(r.id)} />
        </li>
      ))}
    </ol>
  );
}
