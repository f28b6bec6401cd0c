import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ConfigMissing } from "@/components/config-missing";
import { DetailSource } from "@/components/message-detail/detail-source";
import { FieldList } from "@/components/message-detail/field-list";
import { MessageCard } from "@/components/message-detail/message-card";
import { MirrorReplies } from "@/components/message-detail/mirror-replies";
import { NumberSection } from "@/components/message-detail/number-section";
import { Replies } from "@/components/message-detail/replies";
import { ErrorPanel } from "@/components/ui/error-panel";
import { formatDayRangeLabel, resolveDetailRange } from "@/lib/filters/detail-range";
import { PAGES } from "@/lib/auth/pages";
import { requirePage } from "@/lib/auth/with-permission";
import { can } from "@/lib/auth/roles";
import type { ActionResult } from "@/lib/action-result";
import { describeError, MobivateError, type ErrorViewer } from "@/lib/mobivate/errors";
import { loadMessage, mirrorMessage, type LoadedMessage } from "@/lib/messages/detail";
import { isMessageIdShape, MESSAGE_ID_HINT } from "@/lib/messages/id";
import { counterpartOf } from "@/lib/mirror/messages/detail";
import { getMessage } from "@/lib/mobivate/messages";
import type { Message } from "@/lib/mobivate/types";
import { isMobivateConfigured, resolveMobivateConfig } from "@/lib/settings/mobivate-config";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Message ${id.slice(0, 12)}` };
}

export default async function MessageDetailPage({ params, searchParams }: Props) {
  const user = await requirePage(PAGES.messages);
  if (!(await isMobivateConfigured())) return <ConfigMissing />;
  const viewer = { canManageSettings: can(user.role, "settings:manage") };
  const { id } = await params;
  const sp = await searchParams;

  // Text that cannot be an id (an edited or mangled link) is refused here, not sent to the API.
  if (!isMessageIdShape(id)) {
    return (
      <div className="space-y-4">
        <BackLink sp={sp} />
        <h1 className="break-all text-xl font-semibold">Message {id}</h1>
        <div role="status" className="rounded-lg border border-slate-300 bg-white p-4">
          <p className="font-semibold">This is not a message id, so nothing was looked up.</p>
          <p className="mt-1 text-sm text-slate-700">{MESSAGE_ID_HINT}</p>
        </div>
      </div>
    );
  }

  const live = sp.live === "1";
  let loaded: LoadedMessage;
  try {
    loaded = await loadMessage(id, { live });
  } catch (err) {
    const info = describeError(err, viewer);
    const notFound = err instanceof MobivateError && err.kind === "not-found";
    return (
      <div className="space-y-4">
        <BackLink sp={sp} />
        <h1 className="text-xl font-semibold">Message {id}</h1>
        {notFound ? (
          <div role="status" className="rounded-lg border border-slate-300 bg-white p-4">
            <p className="font-semibold">
              No message with this id (the API answered “{info.message}”).
            </p>
            <p className="mt-1 text-sm text-slate-700">Check the id. {MESSAGE_ID_HINT}</p>
          </div>
        ) : (
          <ErrorPanel error={info} />
        )}
      </div>
    );
  }

  const { message, raw, source } = loaded;
  const fromCopy = source.kind === "mirror";
  const range = resolveDetailRange(sp, message.created);
  const keep = new URLSearchParams({ from: range.from, to: range.to, tz: range.tz }).toString();
  const href = (mid: string) => `/messages/${encodeURIComponent(mid)}?${keep}`;
  const parent = message.inReplyTo ? await readParent(message.inReplyTo, viewer, fromCopy) : null;
  const number = counterpartOf(message);
  const historyPage = historyPageOf(sp.hp);
  const historyHref = (p: number) => {
    const qs = new URLSearchParams(keep);
    if (live) qs.set("live", "1");
    if (p > 1) qs.set("hp", String(p));
    return `/messages/${encodeURIComponent(message.id)}?${qs}#number-title`;
  };

  return (
    <div className="space-y-6">
      <BackLink sp={sp} />
      <h1 className="text-xl font-semibold">
        Message <span className="break-all font-mono text-base">{message.id}</span>
      </h1>
      <DetailSource source={source} />

      <section
        aria-labelledby="body-title"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="body-title" className="mb-2 text-sm font-semibold text-slate-700">
          Body
        </h2>
        <p className="whitespace-pre-wrap break-words" data-testid="message-body">
          {message.body}
        </p>
      </section>

      <section
        aria-labelledby="fields-title"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="fields-title" className="mb-3 text-sm font-semibold text-slate-700">
          Fields
        </h2>
        <FieldList message={message} tz={range.tz} messageHref={href} />
      </section>

      <section aria-labelledby="thread-title" className="space-y-3">
        <h2 id="thread-title" className="text-lg font-semibold">
          Conversation
        </h2>
        {parent && (
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-700">In reply to</h3>
            {parent.ok ? (
              <MessageCard message={parent.data} tz={range.tz} href={href(parent.data.id)} />
            ) : (
              <ErrorPanel error={parent.error} />
            )}
          </div>
        )}
        {fromCopy ? (
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-700">Replies received</h3>
            <Suspense
              fallback={
                <p role="status" className="text-sm text-slate-600">
                  Looking for replies in the local copy…
                </p>
              }
            >
              <MirrorReplies id={message.id} tz={range.tz} hrefFor={href} />
            </Suspense>
          </div>
        ) : (
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-700">
              Replies received {formatDayRangeLabel(range)}
            </h3>
            <Suspense
              fallback={
                <p role="status" className="text-sm text-slate-600">
                  Looking for replies in every incoming message of the range…
                </p>
              }
            >
              <Replies id={message.id} range={range} hrefFor={keep} />
            </Suspense>
          </div>
        )}
      </section>

      {number && (
        <section aria-labelledby="number-title" className="space-y-3">
          <h2 id="number-title" className="text-lg font-semibold">
            The number {number}
          </h2>
          <Suspense
            fallback={
              <p role="status" className="text-sm text-slate-600">
                Reading the number&apos;s opt-out and history from the local copy…
              </p>
            }
          >
            <NumberSection
              number={number}
              tz={range.tz}
              page={historyPage}
              hrefFor={href}
              pageHref={historyHref}
            />
          </Suspense>
        </section>
      )}

      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-semibold text-slate-700">
          Raw JSON from the API
        </summary>
        {fromCopy ? (
          <p className="mt-3 text-sm text-slate-700">
            This page comes from the local copy: read it live from Mobivate to see the JSON the API
            sends.
          </p>
        ) : (
          <pre className="mt-3 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {JSON.stringify(raw, null, 2)}
          </pre>
        )}
      </details>
    </div>
  );
}

/**
 * The message this one answers, or why it could not be read: the provider's failures (one the
 * API no longer has is "not-found") are shown in its place; anything else is a fault of the
 * dashboard and goes to the error boundary.
 */
async function readParent(
  id: string,
  viewer: ErrorViewer,
  fromCopy: boolean,
): Promise<ActionResult<Message>> {
  if (fromCopy) {
    const copied = await mirrorMessage(id);
    if (copied) return { ok: true, data: copied };
  }
  try {
    return { ok: true, data: await getMessage(id, { cfg: resolveMobivateConfig }) };
  } catch (err) {
    if (!(err instanceof MobivateError)) throw err;
    return { ok: false, error: describeError(err, viewer) };
  }
}

/** The number history's page (`hp`): a whole number from 1, else 1. */
function historyPageOf(value: string | string[] | undefined): number {
  const n = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

function BackLink({ sp }: { sp: Record<string, string | string[] | undefined> }) {
  const qs = new URLSearchParams();
  for (const k of ["from", "to", "tz", "direction"]) {
    const v = sp[k];
    if (typeof v === "string") qs.set(k, v);
  }
  return (
    <Link
      href={`/messages${qs.size ? `?${qs}` : ""}`}
      className="text-sm font-medium text-brand-700 underline"
    >
      ← Back to messages
    </Link>
  );
}
