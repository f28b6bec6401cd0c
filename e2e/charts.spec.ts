import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, sandboxControl } from "./helpers";

// The report charts (recharts, loaded after the page): hovering a day and moving to it with the
// keyboard both show a tooltip with the exact value of the table beside it, the day and its
// zone. The tables are the reference: they hold the exact numbers the server computed.

const DAY_MS = 86_400_000;
const utcDay = (back: number) => new Date(Date.now() - back * DAY_MS).toISOString().slice(0, 10);
const FROM = utcDay(9);
const TO = utcDay(3);

test.beforeEach(async () => {
  await sandboxControl("fail-next", { status: 429, count: 0 });
  await sandboxControl("options", { latencyMs: 0 });
});

/** The chart's drawing, once recharts has loaded: one Tab stop (role=application). */
const surface = (chart: Locator) => chart.locator("svg[role=application]");

/** Hovers the band of the `index`th day, found by its axis label (every day is labelled). */
async function hoverDay(page: Page, chart: Locator, index: number) {
  const tick = chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick").nth(index);
  const box = await tick.boundingBox();
  const plot = await surface(chart).boundingBox();
  if (!box || !plot) throw new Error("chart not drawn");
  const point = { x: box.x + box.width / 2, y: plot.y + plot.height / 3 };
  await page.mouse.move(point.x, point.y);
  return point;
}

/** Tabs from the section heading until the chart's drawing has the focus (it must, soon). */
async function tabInto(page: Page, headingId: string, chart: Locator) {
  await page.locator(`#${headingId}`).click();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    if (await surface(chart).evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached the chart after #${headingId}`);
}

test("Spend: hover and keyboard show the exact cost of a day, its currency and zone", async ({
  page,
}) => {
  await page.goto(`/spend?from=${FROM}&to=${TO}&tz=UTC`);
  const table = page.getByTestId("by-day-table");
  await expect(table.locator("tbody tr")).toHaveCount(7, { timeout: 30_000 });
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const costCol = headers.findIndex((h) => /^Cost \(/i.test(h));
  const currency = /\(([A-Z]{3})\)/.exec(headers[costCol] ?? "")?.[1];
  expect(currency, `a currency column in ${headers.join(" | ")}`).toBeTruthy();
  const rows = await Promise.all(
    Array.from({ length: 7 }, (_, i) =>
      table.locator("tbody tr").nth(i).locator("th, td").allInnerTexts(),
    ),
  );
  const costOf = (i: number) => `${rows[i]?.[costCol]} ${currency}`;
  const dayOf = (i: number) => rows[i]?.[0] ?? "";
  // A day with a cost, not the first one, so the keyboard has to move to it.
  const pick = rows.findIndex((r, i) => i > 1 && /\d/.test(r[costCol] ?? ""));
  expect(pick).toBeGreaterThan(1);

  const chart = page.getByTestId(`chart-${currency}`);
  await expect(surface(chart)).toHaveAttribute("aria-label", /cost per day/);
  const tooltip = chart.getByTestId("chart-tooltip");

  // Hover.
  await hoverDay(page, chart, pick);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(`${dayOf(pick)} (UTC)`);
  await expect(tooltip.locator("[data-series=cost]")).toHaveText(costOf(pick));
  await hoverDay(page, chart, pick - 1);
  await expect(tooltip.locator("[data-series=cost]")).toHaveText(costOf(pick - 1));
  await page.mouse.move(0, 0);
  await expect(tooltip).toBeHidden();

  // Keyboard: Tab reaches the chart (the first currency's is the first stop after the
  // heading), the tooltip opens on the first day, the arrow keys move it.
  await tabInto(page, "spend-by-day", chart);
  await expect(tooltip).toContainText(`${dayOf(0)} (UTC)`);
  for (let i = 0; i < pick; i++) await page.keyboard.press("ArrowRight");
  await expect(tooltip).toContainText(dayOf(pick));
  await expect(tooltip.locator("[data-series=cost]")).toHaveText(costOf(pick));
  await page.keyboard.press("ArrowLeft");
  await expect(tooltip).toContainText(dayOf(pick - 1));
  await expect(tooltip.locator("[data-series=cost]")).toHaveText(costOf(pick - 1));
  await expectNoSeriousA11yViolations(page);
});

test("the tooltip goes when the pointer leaves from a bar that was just redrawn", async ({
  page,
}) => {
  // recharts redraws a bar as a new element on each frame of its animation: the browser then
  // sends no `mouseout` for the leave, only `mouseleave`. Removing the element under the
  // pointer does the same, at a chosen moment.
  await page.goto(`/delivery?from=${FROM}&to=${TO}&tz=UTC`);
  const chart = page.getByTestId("delivery-rate-chart");
  const tooltip = chart.getByTestId("chart-tooltip");
  await expect(surface(chart)).toHaveAttribute("aria-label", /delivery rate per day/);
  const pointer = await hoverDay(page, chart, 3);
  await expect(tooltip).toBeVisible();
  const removed = await surface(chart).evaluate((svg, { x, y }) => {
    const under = document.elementFromPoint(x, y);
    if (!under || under === svg || !svg.contains(under)) return null;
    under.remove();
    return under.tagName;
  }, pointer);
  expect(removed, "an element of the chart under the pointer").not.toBeNull();
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);
});

test("Delivery: the rate per day and the failures by status, by hover and by keyboard", async ({
  page,
}) => {
  await page.goto(`/delivery?from=${FROM}&to=${TO}&tz=UTC`);
  const table = page.getByTestId("delivery-by-day");
  await expect(table.locator("tbody tr")).toHaveCount(7, { timeout: 30_000 });
  const rows = await Promise.all(
    Array.from({ length: 7 }, (_, i) =>
      table.locator("tbody tr").nth(i).locator("th, td").allInnerTexts(),
    ),
  );
  const chart = page.getByTestId("delivery-rate-chart");
  const tooltip = chart.getByTestId("chart-tooltip");
  await expect(surface(chart)).toHaveAttribute("aria-label", /delivery rate per day/);

  // Hover day 4: the rate as the table words it, and the counts behind it.
  const [day, , delivered, failed, pending, rate] = rows[4] ?? [];
  await hoverDay(page, chart, 4);
  await expect(tooltip).toContainText(`${day} (UTC)`);
  await expect(tooltip.locator("[data-series=rate]")).toHaveText(
    rate === "—" ? "No final status yet" : (rate ?? ""),
  );
  await expect(tooltip).toContainText(
    `${delivered} delivered, ${failed} failed, ${pending} pending`,
  );
  // The pointer leaves: the tooltip goes (the chart handles pointer moves once per frame, so a
  // focus that came before that frame would still find day 4 active).
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);

  await tabInto(page, "delivery-by-day", chart);
  await expect(tooltip).toContainText(rows[0]?.[0] ?? "");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(tooltip).toContainText(`${rows[2]?.[0]} (UTC)`);
  await expect(tooltip.locator("[data-series=rate]")).toHaveText(
    rows[2]?.[5] === "—" ? "No final status yet" : (rows[2]?.[5] ?? ""),
  );

  // Failures by status: the most frequent first; the arrow key moves to the next one.
  const statusTable = page.getByTestId("failures-by-status");
  const first = await statusTable.locator("tbody tr").nth(0).locator("th, td").allInnerTexts();
  const second = await statusTable.locator("tbody tr").nth(1).locator("th, td").allInnerTexts();
  const statusChart = page.getByTestId("failures-by-status-chart");
  const statusTip = statusChart.getByTestId("chart-tooltip");
  await tabInto(page, "delivery-by-status", statusChart);
  const failures = (n = "") => `${n} ${n === "1" ? "failure" : "failures"}`;
  await expect(statusTip.locator("[data-series=failed]")).toHaveText(failures(first[1]));
  await page.keyboard.press("ArrowRight");
  await expect(statusTip.locator("[data-series=failed]")).toHaveText(failures(second[1]));
  await page.keyboard.press("ArrowUp");
  await expect(statusTip.locator("[data-series=failed]")).toHaveText(failures(first[1]));
  await page.keyboard.press("ArrowDown");
  await expect(statusTip.locator("[data-series=failed]")).toHaveText(failures(second[1]));
  await expectNoSeriousA11yViolations(page);
});
