import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

/** Words under a form after an action: a refusal (read out at once) or a confirmation. */
export type Notice = { error: boolean; text: string };

const UNREACHABLE = "The dashboard server could not be reached. Try again.";

/**
 * Calls a server action. A failed call (the dashboard server down, the connection dropped)
 * becomes the refusal the action would have returned, so a form handles one shape.
 */
function callAction<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  return call().catch((): ActionResult<T> => ({
    ok: false,
    error: { kind: "unreachable", message: UNREACHABLE },
  }));
}

/** The notice for an action's result: its refusal, or the success words for its data. */
function noticeFor<T>(result: ActionResult<T>, success: (data: T) => string): Notice {
  return result.ok
    ? { error: false, text: success(result.data) }
    : { error: true, text: result.error.message };
}

/**
 * A form's action state: `pending` while an action runs (one at a time), the notice under the
 * form, `run` to call an action and word its result, `refuse` to show the first zod issue
 * (the refusal every form shows for a value it cannot send) without calling anything.
 */
export function useActionNotice() {
  const [pending, start] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);

  function run<T>(
    call: () => Promise<ActionResult<T>>,
    success: (data: T) => string,
    onDone?: (data: T) => void,
  ) {
    start(async () => {
      const result = await callAction(call);
      setNotice(noticeFor(result, success));
      if (result.ok) onDone?.(result.data);
    });
  }

  function refuse(error: { issues: readonly { message: string }[] }, fallback: string) {
    setNotice({ error: true, text: error.issues[0]?.message ?? fallback });
  }

  return { pending, notice, setNotice, run, refuse };
}

/**
 * Shows a notice: role="alert" for a refusal, role="status" for a confirmation. Always
 * rendered (empty without a notice) so the live region exists before its words arrive.
 */
export function NoticeText({
  notice,
  className = "",
  testId,
}: {
  notice: Notice | null;
  className?: string;
  testId?: string;
}) {
  return (
    <p
      role={notice?.error ? "alert" : "status"}
      data-testid={testId}
      className={`${className} text-sm ${notice?.error ? "font-medium text-red-800" : "text-green-800"}`}
    >
      {notice?.text}
    </p>
  );
}
