// Prints how fast the sandbox builds 1000-message pages with the clock fixed and set, and
// how long the visible cut and a dataset with future days take to build.
//   npx tsx sandbox/bench-time.ts [messages]
import { createDataset } from "./dataset";

const messages = Number(process.argv[2] ?? 1_000_000);
const t0 = performance.now();
const ds = createDataset({ seed: 1, messages, spanDays: 90, futureDays: 1, end: "2026-01-01" });
const built = performance.now() - t0;

function pages(label: string, nowMs: number): void {
  const range = ds.messagesInRange(ds.startMs, ds.futureEndMs, undefined, nowMs);
  const rounds = 200;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    const offset = ((r * 7919) % Math.max(1, Math.floor(range.count / 1000))) * 1000;
    range.slice(offset, 1000);
  }
  const ms = (performance.now() - start) / rounds;
  console.log(`${label}: ${ms.toFixed(2)} ms per 1000-message page (${range.count} visible)`);
}

console.log(
  `dataset of ${ds.size} messages (${ds.historySize} + future) built in ${built.toFixed(0)} ms`,
);
pages("clock fixed", Number.POSITIVE_INFINITY);
pages("clock set at the start-up now", ds.endMs);
const cutStart = performance.now();
let sum = 0;
for (let k = 0; k < 100_000; k++) sum += ds.countAt(ds.endMs + (k % 86_400) * 1000);
const cut = ((performance.now() - cutStart) / 100_000) * 1000;
console.log(`visible cut (binary search): ${cut.toFixed(2)} µs per query (checksum ${sum % 7})`);
