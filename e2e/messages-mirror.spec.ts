import { expect, test, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD, demoEmail } from "./auth-env";
import { signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations, MIRROR_URL } from "./helpers";

// Messages on the server that keeps a local copy: a past week opens newest first with its
// true total, Last goes to the oldest messages, a column sorts the whole range, and a
// message's page shows its number's opt-out and history.

test.use({ storageState: { cookies: [], origins: [] } });
// The first test may wait for the backfill of the copy (started with the server).
test.describe.configure({ timeout: 180_000 });

const DAY_MS = 86_400_000;
const utcDay = (back: number) => new Date(Date.now() - back * DAY_MS).toISOString().slice(0, 10);

/** Waits until the copy holds the last 30 days (the backfill runs on start, newest first). */
async function waitForCopy(page: Page) {
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${MIRROR_URL}/api/sync/status`);
        const status = (await res.json()) as { coveredFrom: string | null };
        return (
          status.coveredFrom !== null && Date.parse(status.coveredFrom) <= Date.now() - 30 * DAY_MS
        );
      },
      { timeout: 90_000, intervals: [500, 1000, 2000] },
    )
    .toBe(true);
}

/** The rows' creation instants (epoch ms), in the order shown. */
async function createdTimes(page: Page): Promise<number[]> {
  const values = await page
    .getByRole("table")
    .locator("tbody tr td:first-child time")
    .evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
  return values.map((v) => Date.parse(v));
}

test("Messages newest first with Last", async ({ page }) => {
  await signIn(page, demoEmail("admin"), E2E_DEMO_PASSWORD, MIRROR_URL);
  await waitForCopy(page);
  const range = `from=${utcDay(8)}&to=${utcDay(2)}&tz=UTC`;
  await page.goto(`${MIRROR_URL}/messages?${range}`);

  // The server's first answer may be slow on a loaded machine (the route starts cold).
  await expect(page.getByTestId("answer-source")).toContainText("From the local copy", {
    timeout: 60_000,
  });
  const count = page.getByTestId("pager-count");
  await expect(count).toHaveText(/^1–100 of [\d,]+ · page 1 of [\d,]+$/);
  const [, totalText, lastText] = /of ([\d,]+) · page 1 of ([\d,]+)/.exec(await count.innerText())!;
  const total = Number(totalText!.replaceAll(",", ""));
  const lastPage = Number(lastText!.replaceAll(",", ""));
  expect(lastPage).toBe(Math.ceil(total / 100));
  expect(lastPage).toBeGreaterThan(1);

  const first = await createdTimes(page);
  expect(first).toHaveLength(100);
  expect(first).toEqual([...first].sort((a, b) => b - a));
  await expect(page.getByRole("columnheader", { name: /Created/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Last" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]page=${lastPage}(&|$)`));
  await expect(count).toHaveText(new RegExp(`of ${totalText} · page ${lastText} of ${lastText}$`));
  // The pager follows the URL at once; the rows are the last page's once the read is done
  // (until then the table shows the page before, marked busy).
  await expect(page.getByRole("table")).toHaveAttribute("aria-busy", "false");
  const oldest = await createdTimes(page);
  expect(oldest).toHaveLength(total - (lastPage - 1) * 100);
  expect(oldest).toEqual([...oldest].sort((a, b) => b - a));
  expect(oldest[0]!).toBeLessThanOrEqual(first.at(-1)!);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Last" })).toBeDisabled();

  // Oldest first over the whole range: the first row is the last row of the last page.
  await page.getByRole("button", { name: "First" }).click();
  await expect(count).toHaveText(/^1–100 of /);
  await page
    .getByRole("columnheader", { name: /Created/ })
    .getByRole("button")
    .click();
  await expect(page).toHaveURL(/[?&]sort=created\.(asc|desc)/);
  const sortedUrl = page.url();
  const ascending = sortedUrl.includes("sort=created.asc");
  if (!ascending) {
    await page
      .getByRole("columnheader", { name: /Created/ })
      .getByRole("button")
      .click();
    await expect(page).toHaveURL(/[?&]sort=created\.asc/);
  }
  await expect(page.getByRole("columnheader", { name: /Created/ })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await expect.poll(async () => (await createdTimes(page))[0]).toBe(oldest.at(-1));
});

test("a message's page from the copy: its number's opt-out and history", async ({ page }) => {
  await signIn(page, demoEmail("admin"), E2E_DEMO_PASSWORD, MIRROR_URL);
  await waitForCopy(page);
  await page.goto(`${MIRROR_URL}/messages?from=${utcDay(8)}&to=${utcDay(2)}&tz=UTC`);
  await page.getByRole("table").locator("tbody tr td:first-child a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Message");
  await expect(page.getByTestId("answer-source").first()).toContainText("From the local copy");
  await expect(page.getByTestId("number-optout")).toContainText(/Is .+ opted out\?(Yes|No)/);
  const history = page.getByTestId("number-history");
  await expect(history).toContainText(/Every message to or from .+ \([\d,]+, newest first\)/);
  await expect(history.getByRole("listitem").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A live read of the same message on request.
  await page
    .getByTestId("answer-source")
    .first()
    .getByRole("button", { name: "Read live from Mobivate" })
    .click();
  await expect(page).toHaveURL(/[?&]live=1/);
  await expect(page.getByTestId("answer-source").first()).toContainText(
    "Read live from Mobivate (as asked)",
  );
});
