import { expect, test, type Page } from "@playwright/test";
import Decimal from "decimal.js";
import {
  API_KEY,
  BAD_KEY_URL,
  expectNoSeriousA11yViolations,
  sandboxApi,
  sandboxControl,
} from "./helpers";

interface RawMessage {
  parts: number;
  cost: number | null;
  currency: string | null;
}

const DAY_MS = 86_400_000;
const utcDay = (back: number) => new Date(Date.now() - back * DAY_MS).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
const totalsTable = (page: Page) => page.getByRole("table", { name: "Totals by currency" });

/** Every message of the UTC days from..to, read from the sandbox API in pages of 1000. */
async function readDirect(from: string, to: string): Promise<RawMessage[]> {
  const all: RawMessage[] = [];
  for (let page = 1; ; page++) {
    const rows = await sandboxApi<RawMessage[]>("/message", {
      startDate: from,
      endDate: nextDay(to), // date-only = 00:00 UTC, end exclusive
      page,
      pageSize: 1000,
    });
    all.push(...rows);
    if (rows.length < 1000) return all;
  }
}

interface Expected {
  messages: number;
  parts: number;
  cost: Decimal;
  scale: number;
}

function expectedTotals(rows: RawMessage[]): Map<string, Expected> {
  const by = new Map<string, Expected>();
  for (const m of rows) {
    const priced = m.cost !== null && m.currency !== null;
    const key = priced ? m.currency! : "none";
    const e = by.get(key) ?? { messages: 0, parts: 0, cost: new Decimal(0), scale: 2 };
    e.messages += 1;
    e.parts += m.parts;
    if (priced) {
      const cost = new Decimal(String(m.cost));
      e.cost = e.cost.plus(cost);
      e.scale = Math.max(e.scale, cost.decimalPlaces());
    }
    by.set(key, e);
  }
  return by;
}

const num = (text: string) => Number(text.replace(/,/g, ""));

test.beforeEach(async () => {
  await sandboxControl("fail-next", { status: 429, count: 0 });
  await sandboxControl("options", { latencyMs: 0 });
});

test("totals per currency equal an exact sum of the API's data", async ({ page }) => {
  const from = utcDay(9);
  const to = utcDay(3);
  const expected = expectedTotals(await readDirect(from, to));
  expect(expected.size).toBeGreaterThanOrEqual(4); // several currencies and the no-cost row

  const leaks: string[] = [];
  page.on("response", async (res) => {
    if (!res.url().includes("/api/spend")) return;
    if ((await res.text().catch(() => "")).includes(API_KEY)) leaks.push(res.url());
  });

  await page.goto(`/spend?from=${from}&to=${to}&tz=UTC`);
  const table = totalsTable(page);
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole("columnheader")).toHaveText([
    "Currency",
    "Messages",
    "Parts",
    "Cost",
  ]);
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(expected.size);

  for (const [currency, e] of expected) {
    const cells = table.locator(`tbody tr[data-currency="${currency}"]`).locator("th, td");
    const [label, messages, parts, cost] = await cells.allInnerTexts();
    expect(label).toBe(currency === "none" ? "No cost" : currency);
    expect(num(messages ?? ""), `${currency} messages`).toBe(e.messages);
    expect(num(parts ?? ""), `${currency} parts`).toBe(e.parts);
    if (currency === "none") {
      expect(cost).toBe("—"); // MO messages: 0 or null, never a currency
    } else {
      // Exact, to the precision of the data (4 decimals where the prices have them).
      expect(cost?.replace(/,/g, ""), `${currency} cost`).toBe(e.cost.toFixed(e.scale));
    }
  }

  // One chart per currency, described for assistive technology, and the tables beside them.
  const currencies = [...expected.keys()].filter((c) => c !== "none");
  for (const c of currencies) {
    await expect(page.getByTestId(`chart-${c}`).locator("svg[role=application]")).toHaveAttribute(
      "aria-label",
      /cost per day/,
    );
  }
  await expect(page.getByTestId("by-day-table").locator("tbody tr")).toHaveCount(7);
  await expect(page.getByRole("table", { name: /By status/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /By route/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /By campaign/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A long breakdown shows its top 12 until "Show all" (a week holds more statuses).
  const byStatus = page.getByTestId("by-status-table");
  await expect(byStatus.locator("tbody tr")).toHaveCount(12);
  const showAll = page.getByRole("button", { name: /^Show all \d+ statuses$/ });
  const statuses = Number(/\d+/.exec((await showAll.textContent()) ?? "")?.[0]);
  expect(statuses).toBeGreaterThan(12);
  await expect(byStatus.locator("caption")).toContainText(`(top 12 of ${statuses})`);
  await expect(showAll).toHaveAttribute("aria-expanded", "false");
  await showAll.click();
  await expect(byStatus.locator("tbody tr")).toHaveCount(statuses);
  await expect(byStatus.locator("caption")).not.toContainText("top 12");
  await expect(page.getByRole("button", { name: "Show the top 12 only" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  expect(leaks).toEqual([]);
});

test("opens with the last 7 days in the browser's zone, and asking twice is answered from cache", async ({
  page,
}) => {
  const calls: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/api/spend")) calls.push(req.url());
  });
  await page.goto("/spend");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
  expect(new URL(page.url()).searchParams.get("tz")).toBe("Australia/Sydney");
  await expect(totalsTable(page)).toBeVisible({ timeout: 30_000 });
  const firstTotals = (await totalsTable(page).textContent()) ?? "";

  await page.getByLabel("Direction").selectOption("MO");
  await expect(page).toHaveURL(/direction=MO/);
  await expect(totalsTable(page).locator("tbody tr")).toHaveCount(1); // only "No cost"
  expect(calls).toHaveLength(2);

  await page.goBack();
  await expect(page).not.toHaveURL(/direction=MO/);
  await expect(totalsTable(page)).toHaveText(firstTotals);
  expect(calls).toHaveLength(2); // no new request: the browser's cache answered
});

test("Cancel stops the read, on the server too, and it can start again", async ({ page }) => {
  // Slow pages, so the read of 30 days (≈ 20 pages) is still running when Cancel is pressed
  // and no page has been answered yet: 15 s, as a loaded machine (load 17 on 2 cores) took
  // more than 5 s from the page's first request to the click.
  await sandboxControl("options", { latencyMs: 15_000 });
  await sandboxControl("reset-stats", {});
  const from = utcDay(29);
  const to = utcDay(0);
  await page.goto(`/spend?from=${from}&to=${to}&tz=Europe/London&direction=MT`);
  await expect(page.getByTestId("spend-progress")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Reading messages" })).toBeVisible();
  await expect(page.getByTestId("progress-text")).toContainText(/messages read in/);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("spend-cancelled")).toContainText("Cancelled");
  await expect(totalsTable(page)).toHaveCount(0);

  // The server stopped asking the API: every page it had asked for was abandoned (none
  // answered: they wait out 5 s), and nothing is in flight. A server that kept reading
  // would get its pages answered and start the next ones as they land.
  type Stats = { inFlight: number; aborted: number; byPath: Record<string, number> };
  const stats = async () => (await sandboxControl("stats")) as Stats;
  await expect
    .poll(async () => {
      const s = await stats();
      return s.aborted > 0 && s.inFlight === 0;
    })
    .toBe(true);
  const settled = await stats();
  expect(settled.aborted).toBe(settled.byPath["/message"]);
  await expectNoSeriousA11yViolations(page);

  await sandboxControl("options", { latencyMs: 0 });
  await page.getByRole("button", { name: "Start again" }).click();
  await expect(totalsTable(page)).toBeVisible({ timeout: 30_000 });
});

test("upstream failures and a wrong key are explained", async ({ page }) => {
  await page.goto(`${BAD_KEY_URL}/spend?from=${utcDay(2)}&to=${utcDay(1)}&tz=UTC`);
  // (Next's route announcer is an empty alert too: pick ours by its words.)
  const keyError = page.getByRole("alert").filter({ hasText: "Mobivate rejected the API key" });
  await expect(keyError).toContainText("401", { timeout: 30_000 });

  await page.goto(`/spend?from=2026-02-30&to=2026-01-01&tz=UTC`);
  await expect(
    page.getByRole("alert").filter({ hasText: /not a real calendar date/ }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Reset the filters" }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
});
