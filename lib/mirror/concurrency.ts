import type { RequestSlots } from "@/lib/mobivate/request-slots";

// How a sync cycle shares its work out: spans read by a few workers at once, and a part that
// waits for the request slots the spans leave idle.

/**
 * Runs `task` on what `next` hands out, at most `limit` at once; the first failure stops the
 * rest and is thrown.
 */
export async function runLimited<T>(
  next: () => T | undefined,
  limit: number,
  controller: AbortController,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && !controller.signal.aborted) {
      const item = next();
      if (item === undefined) return;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  if (failure) throw failure.error;
  if (controller.signal.aborted) throw controller.signal.reason;
}

/**
 * Resolves once `ready` has and a request slot is idle (every reader that wanted one has it);
 * rejects when `signal` aborts.
 */
export async function slotIdleAfter(
  ready: Promise<void>,
  slots: RequestSlots,
  signal: AbortSignal,
): Promise<void> {
  await ready;
  await new Promise<void>((resolve, reject) => {
    let off = () => {};
    const onAbort = () => {
      off();
      reject(signal.reason);
    };
    const check = () => {
      if (!slots.idle) return;
      off();
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    if (signal.aborted) return reject(signal.reason);
    off = slots.onFree(check);
    signal.addEventListener("abort", onAbort, { once: true });
    check();
  });
}
