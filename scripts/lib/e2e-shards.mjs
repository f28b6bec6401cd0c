// Splits the spec files into shards of about equal running time. Playwright's own --shard
// balances the number of tests, and one spec here (hostile) has 150 quick tests, so its split
// left one shard four times longer than the other. Files stay whole: a spec's tests may rely
// on running in order in one server.
import { readdirSync } from "node:fs";

/**
 * Seconds per spec, measured on a CI run (2 cores). Only the balance depends on them: a spec
 * missing here counts as the median, and a stale figure makes a shard longer, never wrong.
 */
const SECONDS = {
  "messages.spec.ts": 111,
  "auth.spec.ts": 84,
  "hostile.spec.ts": 80,
  "bad-input.spec.ts": 69,
  "optouts.spec.ts": 59,
  "roles.spec.ts": 43,
  "spend.spec.ts": 34,
  "compliance.spec.ts": 29,
  "message-detail.spec.ts": 13,
  "delivery.spec.ts": 12,
  "demo.spec.ts": 12,
  "export.spec.ts": 10,
};

/** The spec files of `dir`, split into `count` lists (longest first onto the lightest shard). */
export function splitSpecs(dir, count) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".spec.ts"));
  const known = Object.values(SECONDS).sort((a, b) => a - b);
  const median = known[Math.floor(known.length / 2)] ?? 30;
  const weight = (f) => SECONDS[f] ?? median;
  const shards = Array.from({ length: count }, () => ({ files: [], seconds: 0 }));
  for (const f of [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = shards.reduce((min, s) => (s.seconds < min.seconds ? s : min));
    lightest.files.push(`${dir}/${f}`);
    lightest.seconds += weight(f);
  }
  return shards.map((s) => s.files);
}
