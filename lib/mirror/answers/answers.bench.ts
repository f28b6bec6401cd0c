import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { openDb } from "@/lib/db/open";
import { createTestDb } from "@/lib/db/testing";
import { complianceFromMirror } from "./compliance";
import { deliveryFromMirror } from "./delivery";
import { spendFromMirror } from "./spend";
import { deriveRollups } from "../write";

// The reports from the local copy over a quarter of 3,000,000 messages (a million a month):
// `DATABASE_URL=… npx vitest bench --run lib/mirror/answers/answers.bench.ts` prints the time
// of each (target: ≤ 300 ms for totals by currency, by day, by status/route/campaign;
// BENCH_MESSAGES changes the size). The rows are made by SQL in the sandbox's shape: 15 %
// incoming, 80 % delivered, 5 currencies by country, half on the global route and the rest on
// the country's, one campaign at a time on a third of the outgoing messages, 1–3 parts, costs
// in 1/10,000 of a unit. (scripts/bench/mirror-answers.ts times the same functions on
// sandbox data.)

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 3_000_000);
const QUARTER = { from: "2026-01-01", to: "2026-03-31" };
let t: { db: Db; cleanup(): Promise<void> };

beforeAll(async () => {
  // BENCH_DATABASE_URL: a database filled by an earlier run (kept), to time the queries again.
  const kept = process.env.BENCH_DATABASE_URL;
  if (kept) {
    const handle = await openDb({ databaseUrl: kept });
    t = { db: handle.db, cleanup: () => handle.close() };
    return;
  }
  t = await createTestDb();
  const started = Date.now();
  await t.db.execute(sql`
    insert into mirror_messages (id, created, originator, recipient, status, direction,
      route_id, parts, cost, currency, campaign_id, recipient_key, originator_key, csv_changed)
    select 'M' || i,
      timestamptz '2025-12-31 00:00:00+00' + (i * (92 * 86400.0 / ${MESSAGES})) * interval '1 second',
      'Brand', '4477009' || lpad((h % 200000)::text, 6, '0'),
      (array['DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED',
        'DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED',
        'DELIVERED','DELIVERED','DELIVERED','UNDELIVERABLE','EXPIRED','REJECTED','SENT'])[1 + (h / 7) % 20],
      case when h % 100 < 15 then 'MO' else 'MT' end,
      -- Half on the global route, the rest on the route of the recipient's country.
      case when (h / 11) % 2 = 0 then 'mglobal' else 'route' || ((h / 23) % 5) end,
      1 + (h / 17) % 3,
      case when h % 100 < 15 then (case when h % 3 = 0 then 0 end)
        else ((1 + (h / 17) % 3) * (300 + (h / 23) % 5 * 125)) / 10000.0 end,
      case when h % 100 >= 15 then (array['GBP','AUD','NZD','EUR','USD'])[1 + (h / 23) % 5] end,
      case when h % 100 >= 15 and (h / 29) % 3 = 0 then 'C' || (i * 12 / ${MESSAGES}) end,
      '4477009' || lpad((h % 200000)::text, 6, '0'), 'Brand',
      -- csv_changed: every cell here is plain (ids, statuses, routes, currencies, digits).
      0
    from (select i, ((i * 2654435761) % 4294967296) as h from generate_series(1, ${MESSAGES}) i) s`);
  await t.db.execute(sql`
    insert into mirror_rollup (bucket, direction, status, currency, route_id, campaign_id,
      has_cost, messages, parts, cost, cost_scale)
    select date_bin('15 minutes', created, timestamptz '2000-01-01 00:00:00+00'), direction,
      status, coalesce(currency, ''), coalesce(route_id, ''), coalesce(campaign_id, ''),
      cost is not null, count(*), sum(parts), coalesce(sum(cost), 0),
      coalesce(max(scale(cost)), 0)
    from mirror_messages group by 1, 2, 3, 4, 5, 6, 7`);
  await deriveRollups(t.db, Date.parse("2000-01-01T00:00:00Z"), Date.parse("2100-01-01T00:00:00Z"));
  await t.db.execute(sql`insert into mirror_optouts (mobile_key, id, mobile, created)
    select '4477009' || lpad((i * 7)::text, 6, '0'), i, '+4477009' || lpad((i * 7)::text, 6, '0'),
      timestamptz '2026-01-15 00:00:00+00' + i * interval '1 minute'
    from generate_series(1, 20000) i`);
  await t.db.execute(sql`analyze`);
  const [rollup] = (
    (await t.db.execute(sql`select count(*)::int as n from mirror_rollup`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  console.log(`${MESSAGES} messages, ${rollup?.n} rollup rows, made in ${Date.now() - started} ms`);
}, 900_000);
afterAll(async () => {
  await t?.cleanup();
});

const opts = { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 };

describe("a quarter of 3,000,000 messages from the local copy", () => {
  for (const tz of ["Australia/Sydney", "UTC", "Asia/Kolkata"]) {
    bench(
      `Spend, ${tz}`,
      async () => {
        await spendFromMirror(t.db, { ...QUARTER, tz, direction: null });
      },
      opts,
    );
  }
  bench(
    "Spend, Australia/Sydney, outgoing only",
    async () => {
      await spendFromMirror(t.db, { ...QUARTER, tz: "Australia/Sydney", direction: "MT" });
    },
    opts,
  );
  bench(
    "Spend, one month, Australia/Sydney",
    async () => {
      await spendFromMirror(t.db, {
        from: "2026-02-01",
        to: "2026-02-28",
        tz: "Australia/Sydney",
        direction: null,
      });
    },
    opts,
  );
  bench(
    "Delivery, Australia/Sydney, outgoing",
    async () => {
      await deliveryFromMirror(t.db, { ...QUARTER, tz: "Australia/Sydney", direction: "MT" });
    },
    opts,
  );
  bench(
    "Compliance, Australia/Sydney",
    async () => {
      await complianceFromMirror(t.db, { ...QUARTER, tz: "Australia/Sydney" });
    },
    opts,
  );
  bench(
    "Spend from the raw rows (a zone whose days are not on quarter hours)",
    async () => {
      await spendFromMirror(t.db, { ...QUARTER, tz: "UTC", direction: null }, { raw: true });
    },
    { ...opts, iterations: 2 },
  );
});
