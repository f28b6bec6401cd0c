import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, sandboxApi, sandboxControl } from "./helpers";

// A week of the sandbox (≈ 4,700 messages): a full page of 1000, read live (oldest first).
const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
const FROM = day(7);
const TO = day(1);
const URL_1000 = `/messages?from=${FROM}&to=${TO}&tz=UTC&pageSize=1000`;

const scroller = (page: Page) => page.getByTestId("table-scroll");
const dataRows = (page: Page) => page.locator("table tbody tr:not([data-spacer])");
const rowAt = (page: Page, ariaRowIndex: number) =>
  page.locator(`table tbody tr[aria-rowindex="${ariaRowIndex}"]`);
/** The message id in a row's link (the first cell links to the message's page). */
const rowMessageId = async (page: Page, ariaRowIndex: number) => {
  const href = await rowAt(page, ariaRowIndex).locator("td:first-child a").getAttribute("href");
  return decodeURIComponent(href!.split("?")[0]!.split("/").pop()!);
};
const rowTime = (page: Page, ariaRowIndex: number) =>
  rowAt(page, ariaRowIndex).locator("td:first-child time").getAttribute("datetime");
const scrollTo = (page: Page, where: "top" | "bottom") =>
  scroller(page).evaluate(
    (el, w) => el.scrollTo({ top: w === "top" ? 0 : el.scrollHeight }),
    where,
  );

test.beforeEach(async () => {
  // Pages of 1000 rows and several reloads: room for a loaded 2-core machine.
  test.slow();
  await sandboxControl("fail-next", { status: 429, count: 0 });
});

test("1000 rows: only the rows in view are in the DOM, aria-rowcount gives the whole page, the last row scrolls in", async ({
  page,
}) => {
  const api = await sandboxApi<{ id: string }[]>("/message", {
    startDate: FROM,
    endDate: day(0),
    pageSize: 1000,
  });
  expect(api).toHaveLength(1000);
  await page.goto(URL_1000);
  await expect(rowAt(page, 2)).toBeVisible({ timeout: 45_000 });
  await expect(page.locator("table")).toHaveAttribute("aria-rowcount", "1001");
  const rendered = await dataRows(page).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);
  expect(await rowMessageId(page, 2)).toBe(api[0]!.id);
  // The last row is not rendered until it is scrolled to; then it is, with its place.
  await expect(rowAt(page, 1001)).toHaveCount(0);
  await scrollTo(page, "bottom");
  await expect(rowAt(page, 1001)).toBeVisible();
  expect(await rowMessageId(page, 1001)).toBe(api[999]!.id);
  expect(await dataRows(page).count()).toBeLessThan(100);
  // The header stays on screen (sticky) while the rows scroll.
  await expect(page.getByRole("columnheader", { name: /Created/ })).toBeInViewport();
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  test.info().annotations.push({ type: "DOM nodes at pageSize=1000", description: String(nodes) });
  await expectNoSeriousA11yViolations(page);
});

test("a sort orders the whole page, not only the rendered rows", async ({ page }) => {
  await page.goto(URL_1000);
  await expect(rowAt(page, 2)).toBeVisible({ timeout: 45_000 });
  // Oldest first from Mobivate: the first row is the oldest, the last the newest.
  const oldest = await rowTime(page, 2);
  await scrollTo(page, "bottom");
  await expect(rowAt(page, 1001)).toBeVisible();
  const newest = await rowTime(page, 1001);
  expect(Date.parse(newest!)).toBeGreaterThan(Date.parse(oldest!));
  await scrollTo(page, "top");

  const sortCreated = page.getByRole("button", { name: /^Created/ });
  const header = page.getByRole("columnheader", { name: /Created/ });
  const started = Date.now();
  await sortCreated.click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => rowTime(page, 2)).toBe(newest);
  test.info().annotations.push({
    type: "sort click to first row changed (ms, incl. Playwright round trips)",
    description: String(Date.now() - started),
  });
  await scrollTo(page, "bottom");
  await expect(rowAt(page, 1001)).toBeVisible();
  expect(await rowTime(page, 1001)).toBe(oldest);
  // Every rendered row is in order too.
  const times = await dataRows(page)
    .locator("td:first-child time")
    .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute("datetime")!)));
  expect(times).toEqual([...times].sort((a, b) => b - a));
});

test("keyboard: focus survives scrolling, and Tab after scrolling reaches a row in view", async ({
  page,
}) => {
  await page.goto(URL_1000);
  await expect(rowAt(page, 2)).toBeVisible({ timeout: 45_000 });
  // The row's last control (its link, or a long body's "Show all"): the next Tab leaves the
  // row. (Tabbing within the row would scroll it back into view, as focus always does.)
  const firstLink = rowAt(page, 2).locator("a, button").last();
  await firstLink.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press("PageDown");
  await expect.poll(() => scroller(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(2000);
  // The focused row stays rendered (and focused) although it is far out of view; its
  // neighbours are gone once the virtualizer has caught up with the scroll.
  await expect(firstLink).toBeFocused();
  await expect(rowAt(page, 3)).toHaveCount(0);
  const focusedRow = () =>
    page.evaluate(() =>
      Number(document.activeElement?.closest("tr")?.getAttribute("aria-rowindex") ?? 0),
    );
  await page.keyboard.press("Tab");
  const index = await focusedRow();
  // The next row Tab reaches is one on screen, not row 3 (which is no longer rendered).
  expect(index).toBeGreaterThan(20);
  await expect(page.locator(":focus")).toBeInViewport();

  // From the scrolling box itself: End, then Tab through the header to a row near the end.
  await scroller(page).focus();
  await page.keyboard.press("End");
  await expect(rowAt(page, 1001)).toBeVisible();
  let reached = 0;
  for (let i = 0; i < 20 && reached === 0; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.tagName === "A" ? Number(a.closest("tr")?.getAttribute("aria-rowindex") ?? 0) : 0;
    });
  }
  expect(reached).toBeGreaterThan(900);
  await expect(page.locator(":focus")).toBeInViewport();
});

test("column choices survive a reload; Reset columns restores the defaults; bad stored data is ignored", async ({
  page,
}) => {
  const url = `/messages?from=${FROM}&to=${TO}&tz=UTC&pageSize=10`;
  await page.goto(url);
  // The view loads after the page shell, then reads its page: give a loaded machine time.
  await expect(dataRows(page)).toHaveCount(10, { timeout: 45_000 });
  const idHeader = page.getByRole("columnheader", { name: "ID", exact: true });
  const bodyHeader = page.getByRole("columnheader", { name: /^Message/ });
  await expect(idHeader).toHaveCount(0);
  await expect(bodyHeader).toHaveCount(1);

  const menu = page.getByRole("button", { name: "Columns" });
  await menu.click();
  await page.getByLabel("Message ID").check();
  await page.getByLabel("Message body").uncheck();
  await expect(idHeader).toHaveCount(1);
  await expect(bodyHeader).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.reload();
  await expect(dataRows(page)).toHaveCount(10, { timeout: 45_000 });
  await expect(idHeader).toHaveCount(1);
  await expect(bodyHeader).toHaveCount(0);

  await menu.click();
  await page.getByRole("button", { name: "Reset columns" }).click();
  await expect(idHeader).toHaveCount(0);
  await expect(bodyHeader).toHaveCount(1);
  await page.reload();
  await expect(dataRows(page)).toHaveCount(10, { timeout: 45_000 });
  await expect(idHeader).toHaveCount(0);
  await expect(bodyHeader).toHaveCount(1);

  // Whatever is stored under the key (an old format, broken JSON), the page opens as usual.
  for (const stored of ["{not json", '{"visible":{"id":true}}', '{"v":1,"visible":[1]}']) {
    await page.evaluate((v) => localStorage.setItem("dashboard:columns:v1:messages", v), stored);
    await page.goto(url);
    await expect(dataRows(page)).toHaveCount(10, { timeout: 45_000 });
    await expect(idHeader).toHaveCount(0);
    await expect(page.getByTestId("error-panel")).toHaveCount(0);
  }
});

test("costs: one number of decimals per currency, the exact value kept, a named dash for none, No charge for a reply", async ({
  page,
}) => {
  const api = await sandboxApi<{ cost: number | null; currency: string | null }[]>("/message", {
    startDate: FROM,
    endDate: day(0),
    pageSize: 100,
  });
  await page.goto(`/messages?from=${FROM}&to=${TO}&tz=UTC&pageSize=100`);
  await expect(dataRows(page)).toHaveCount(100, { timeout: 45_000 });
  const costIndex = await page
    .locator("table thead th")
    .evaluateAll((ths) => ths.findIndex((th) => th.textContent?.startsWith("Cost")));
  const cells = await dataRows(page)
    .locator(`td:nth-child(${costIndex + 1})`)
    .allTextContents();
  expect(cells).toHaveLength(100);
  const decimalsBy = new Map<string, Set<number>>();
  for (const [i, text] of cells.entries()) {
    const m = api[i]!;
    if (m.cost === null) {
      expect(text).toBe("—no cost");
      continue;
    }
    if (m.cost === 0 && !m.currency) {
      expect(text).toBe("No charge");
      continue;
    }
    const [amount, currency = ""] = text.split(" ");
    // Same value as the API's (only grouping and trailing zeros added).
    expect(Number(amount!.replace(/,/g, ""))).toBe(m.cost);
    expect(currency).toBe(m.currency ?? "");
    const set = decimalsBy.get(currency) ?? new Set<number>();
    set.add(amount!.split(".")[1]?.length ?? 0);
    decimalsBy.set(currency, set);
  }
  expect(api.some((m) => m.cost === null)).toBe(true);
  expect(api.some((m) => m.cost === 0 && !m.currency)).toBe(true);
  expect(decimalsBy.size).toBeGreaterThan(0);
  for (const [currency, set] of decimalsBy) expect([currency, set.size]).toEqual([currency, 1]);
});
