import { expect, test, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD, demoEmail } from "./auth-env";
import { signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations, MIRROR_URL } from "./helpers";

// Spend on the server that keeps a local copy: a past week is answered from the copy and says
// so, and "Read live from Mobivate" reads the same range live once (the URL keeps the filters
// only, so a reload answers from the copy again).

test.use({ storageState: { cookies: [], origins: [] } });

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

test("Spend answers a past week from the local copy and reads it live on demand", async ({
  page,
}) => {
  await signIn(page, demoEmail("admin"), E2E_DEMO_PASSWORD, MIRROR_URL);
  await waitForCopy(page);
  const url = `${MIRROR_URL}/spend?from=${utcDay(8)}&to=${utcDay(2)}&tz=UTC`;
  await page.goto(url);

  const source = page.getByTestId("answer-source");
  await expect(source).toContainText(/From the local copy, synced \d+ (s|min) ago/);
  await expect(page.getByTestId("read-info")).toContainText("Counted in");
  const totals = page.getByRole("table", { name: "Totals by currency" });
  await expect(totals).toBeVisible();
  const fromCopy = await totals.innerText();
  await expectNoSeriousA11yViolations(page);

  await source.getByRole("button", { name: "Read live from Mobivate" }).click();
  await expect(source).toContainText("Read live from Mobivate (as asked)");
  await expect(page.getByTestId("read-info")).toContainText(/Read \d+ pages? in/);
  // The same days, the same totals (the week is past: nothing of it changes any more).
  expect(await totals.innerText()).toBe(fromCopy);
  await expect(page).toHaveURL(url);

  await page.reload();
  await expect(source).toContainText("From the local copy");
});
