import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, sandboxControl } from "./helpers";
import { appRoutes } from "./routes";

// A phone (390 px) over every page of the build, signed in as admin so every page opens:
// the page itself never scrolls sideways (wide tables and charts scroll in their own box),
// axe stays clean, and the navigation is a menu button.

const WIDTH = 390;
const DAY_MS = 86_400_000;
const utcDay = (back: number) => new Date(Date.now() - back * DAY_MS).toISOString().slice(0, 10);
const RANGE = `from=${utcDay(9)}&to=${utcDay(3)}&tz=UTC`;

/** Pages with data to show (a filled table is what overflows), and what says they are ready. */
const READY: Record<string, { query?: string; testId?: string; selector?: string }> = {
  "/messages": { query: RANGE, selector: "main table tbody tr" },
  "/optouts": { query: RANGE, selector: "main table tbody tr" },
  "/spend": { query: RANGE, testId: "by-day-table" },
  "/delivery": { query: RANGE, testId: "delivery-by-day" },
  "/compliance": { query: RANGE, testId: "compliance-by-day" },
};
/** /logout signs out; /login sends a signed-in person on. */
const SKIP = new Set(["/logout", "/login"]);

test.use({ viewport: { width: WIDTH, height: 844 } });

test.beforeEach(async () => {
  await sandboxControl("fail-next", { status: 429, count: 0 });
  await sandboxControl("options", { latencyMs: 0 });
});

/** What sticks out past the right edge, for the failure message. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5 || r.width === 0) continue;
      // Inside a box that scrolls on its own: not the page's overflow.
      let p = el.parentElement;
      let clipped = false;
      while (p && p !== document.body) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") {
          clipped = true;
          break;
        }
        p = p.parentElement;
      }
      // An absolutely positioned element escapes a scroll box that is not its containing block.
      const escapes = ["absolute", "fixed"].includes(getComputedStyle(el).position);
      if (!clipped || escapes) {
        const id = el.id ? `#${el.id}` : "";
        const test = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : "";
        out.push(`${el.tagName.toLowerCase()}${id}${test} right=${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 8);
  }, WIDTH);
}

const pages = appRoutes().filter((r) => r.kind === "page" && !SKIP.has(r.path));

for (const route of pages) {
  test(`${route.route} fits 390 px: no sideways scroll of the page, axe clean`, async ({
    page,
  }) => {
    test.slow(); // a whole-range report, then axe over a full table, on a busy machine
    const ready = READY[route.path];
    await page.goto(ready?.query ? `${route.path}?${ready.query}` : route.path);
    await expect(page.locator("main")).toBeVisible();
    if (ready?.testId) {
      await expect(page.getByTestId(ready.testId)).toBeVisible({ timeout: 30_000 });
    }
    if (ready?.selector) {
      await expect(page.locator(ready.selector).first()).toBeVisible({ timeout: 30_000 });
    }
    await page.waitForLoadState("load");
    // The nav is a menu button here, not a column of links.
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, (await overflowing(page)).join(", ")).toBeLessThanOrEqual(WIDTH);
    await expectNoSeriousA11yViolations(page);
  });
}

test("the Delivery chart and day table scroll in their own boxes at 390 px", async ({ page }) => {
  await page.goto(`/delivery?${RANGE}`);
  const table = page.getByTestId("delivery-by-day");
  await expect(table).toBeVisible({ timeout: 30_000 });
  const chart = page.getByTestId("delivery-rate-chart");
  await expect(chart.locator("svg[role=application]")).toBeVisible();
  for (const box of [table.locator(".."), chart.locator("[data-chart-scroll]")]) {
    const { scrollWidth, clientWidth } = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(clientWidth).toBeLessThanOrEqual(WIDTH);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
  }
  // The table's box scrolls, so it is a Tab stop (arrow keys scroll it).
  await expect(table.locator("..")).toHaveAttribute("tabindex", "0");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    WIDTH,
  );
});

test("the menu opens and closes from the keyboard", async ({ page }) => {
  await page.goto(`/messages?${RANGE}`);
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  const spend = nav.getByRole("link", { name: "Spend" });
  await expect(spend).toBeHidden();

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(spend).toBeVisible();
  // The links follow the button in the Tab order.
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link").first()).toBeFocused();

  // Escape closes it and gives the focus back to the button.
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(spend).toBeHidden();
  await expect(menu).toBeFocused();

  // Space opens it too; a press outside closes it.
  await page.keyboard.press("Space");
  await expect(spend).toBeVisible();
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  await expect(spend).toBeHidden();

  // Following a link lands on the page with the menu closed.
  await menu.click();
  await spend.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/spend/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(spend).toBeHidden();

  // Open, it is still clean for axe.
  await menu.click();
  await expect(spend).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
