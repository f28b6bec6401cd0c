import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { expectNoSeriousA11yViolations, sandboxApi, sandboxControl } from "./helpers";

// The sent-after-opt-out report through the production build, checked against a brute-force
// computation from the sandbox's own data (its data ends "now": the ranges are recent UTC days).

interface RawMessage {
  id: string;
  created: string;
  recipient: string;
  direction: string;
}
interface RawOptOut {
  mobile: string;
  note: string;
  created: number;
}

const DAY_MS = 86_400_000;
const utcDay = (back: number) => new Date(Date.now() - back * DAY_MS).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
const apiMs = (ts: string) => Date.parse(ts.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
const num = (text: string) => Number(text.replace(/,/g, ""));

async function readAll<T>(path: string, query: Record<string, string>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const rows = await sandboxApi<T[]>(path, { ...query, page, pageSize: 1000 });
    all.push(...rows);
    if (rows.length < 1000) return all;
  }
}

/** Every MT of the UTC days from..to sent after its recipient's latest earlier opt-out. */
async function expected(from: string, to: string) {
  const end = nextDay(to);
  const messages = await readAll<RawMessage>("/message", {
    startDate: from,
    endDate: end,
    direction: "MT",
  });
  const optOuts = await readAll<RawOptOut>("/addressbook/optout", {
    startDate: "2000-01-01",
    endDate: end,
  });
  const digits = (n: string) => n.replace(/^\+/, "");
  const rows: { id: string; day: string; optOut: RawOptOut }[] = [];
  for (const m of messages) {
    const sent = apiMs(m.created);
    let best: RawOptOut | undefined;
    for (const o of optOuts) {
      if (digits(o.mobile) === digits(m.recipient) && o.created < sent) {
        if (!best || o.created > best.created) best = o;
      }
    }
    if (best) rows.push({ id: m.id, day: new Date(sent).toISOString().slice(0, 10), optOut: best });
  }
  return rows;
}

test.beforeEach(async () => {
  await sandboxControl("reset", {});
});

test("lists the messages sent after opt-out, per day, and downloads them as CSV", async ({
  page,
}) => {
  const from = utcDay(9);
  const to = utcDay(3);
  const rows = await expected(from, to);
  expect(rows.length).toBeGreaterThan(5);

  await page.goto(`/compliance?from=${from}&to=${to}&tz=UTC`);
  const total = page.getByTestId("compliance-total");
  await expect(total).toBeVisible({ timeout: 30_000 });
  await expect(total).toContainText(`${rows.length.toLocaleString("en-GB")} messages were sent`);

  // Per-day totals: every day of the range, counted in UTC.
  const byDay = page.getByTestId("compliance-by-day");
  await expect(byDay.locator("tbody tr")).toHaveCount(7);
  for (let d = from; d <= to; d = nextDay(d)) {
    const cells = await byDay
      .locator(`tbody tr[data-day="${d}"]`)
      .locator("th, td")
      .allInnerTexts();
    expect(num(cells[1] ?? ""), d).toBe(rows.filter((r) => r.day === d).length);
  }
  await expect(
    page.getByTestId("compliance-chart").locator("svg[role=application]"),
  ).toHaveAttribute("aria-label", /per day/);

  // The table: the messages themselves, with the opt-out beside them (first page of 50).
  const table = page.getByTestId("sent-after-optout-table");
  await expect(table.locator("tbody tr")).toHaveCount(Math.min(50, rows.length));
  const shownIds = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id")));
  const ids = new Set(rows.map((r) => r.id));
  for (const id of shownIds) expect(ids.has(id ?? "")).toBe(true);
  await expect(table.getByRole("columnheader", { name: "Opt-out note" })).toBeVisible();

  await expectNoSeriousA11yViolations(page);

  // A real download through the link.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("compliance-csv").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`sent-after-optout_${from}_${to}.csv`);
  const csv = parse(await readFile((await download.path())!), { bom: true }) as string[][];
  const [header, ...data] = csv;
  expect(header?.slice(-2)).toEqual(["optoutCreated", "optoutNote"]);
  expect(header).toHaveLength(17);
  expect(data.map((r) => r[0]).sort()).toEqual(rows.map((r) => r.id).sort());
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of data) {
    const e = byId.get(r[0] ?? "")!;
    expect(Date.parse(r[15] ?? "")).toBe(e.optOut.created);
    expect(r[16]).toBe(e.optOut.note);
  }
});

test("opens with the last 7 days, shows both reading steps, and can be cancelled", async ({
  page,
}) => {
  // Every page waits 5 s, so the read cannot finish before Cancel even on a busy machine
  // (at 1.5 s a loaded CI run once finished the week before the steps were looked at).
  await sandboxControl("options", { latencyMs: 5000 });
  await page.goto("/compliance");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
  expect(new URL(page.url()).searchParams.get("tz")).toBe("Australia/Sydney");
  // Earlier specs may have read this default range already (the server keeps a result for a
  // few minutes, and a cached answer has no steps to show): the steps and Cancel are checked
  // on the same week moved three days back, which nothing else reads.
  const shift = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
  const opened = new URL(page.url()).searchParams;
  await page.goto(
    `/compliance?from=${shift(opened.get("from")!)}&to=${shift(opened.get("to")!)}&tz=Australia%2FSydney`,
  );
  const phase = page.getByTestId("compliance-phase");
  await expect(phase).toContainText(/Step [12] of 2/, {
    timeout: 30_000,
  });
  await expect(page.getByRole("progressbar", { name: "Reading messages" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("compliance-cancelled")).toContainText("Cancelled");
  await expectNoSeriousA11yViolations(page);

  await sandboxControl("options", { latencyMs: 0 });
  await page.getByRole("button", { name: "Start again" }).click();
  await expect(page.getByTestId("compliance-total")).toBeVisible({ timeout: 30_000 });
});

test("bad parameters are explained", async ({ page }) => {
  await page.goto(`/compliance?from=2026-02-30&to=2026-01-01&tz=UTC`);
  await expect(
    page.getByRole("alert").filter({ hasText: /not a real calendar date/ }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Reset the filters" }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
});
