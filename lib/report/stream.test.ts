import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { reportStream } from "./stream";

// A report's read stops when the client goes away, however the route's Request was made.

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A report stream whose read only ends when aborted; `state.aborted` says whether it was. */
function streamFor(signal: AbortSignal, state: { aborted: boolean }) {
  return reportStream<string, { records: number }>({
    // Made here and referenced by nothing else once this function returns.
    request: new Request("http://dashboard.test/api/spend", { signal }),
    initialProgress: { records: 0 },
    read: (stop) =>
      new Promise<string>((_, reject) =>
        stop.addEventListener("abort", () => {
          state.aborted = true;
          reject(stop.reason as Error);
        }),
      ),
    label: "test",
  });
}

describe("reportStream", () => {
  it("stops the read when the client aborts, even after the Request object was collected", async () => {
    const client = new AbortController();
    const state = { aborted: false };
    const reader = streamFor(client.signal, state).getReader();
    await reader.read(); // the first progress line
    // A Request follows its init signal through a weak reference: only the stream keeping
    // the Request alive lets the abort through after a collection.
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(10);
    }
    client.abort();
    await sleep(10);
    expect(state.aborted).toBe(true);
    await reader.cancel();
  });

  it("stops the read when the body stream is cancelled", async () => {
    const state = { aborted: false };
    const reader = streamFor(new AbortController().signal, state).getReader();
    await reader.read();
    await reader.cancel();
    expect(state.aborted).toBe(true);
  });
});
