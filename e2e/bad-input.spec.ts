import { expect, test, type Page } from "@playwright/test";
import { sandboxApi, sandboxControl } from "./helpers";

// Bad input from a link (an edited URL, an old bookmark) gets a clear message with a way
// out on every page, never the error boundary ("This is a problem in the dashboard").

const utcDay = (back: number) =>
  new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);

/** Signs of the error boundary or an unhandled exception: must never show. */
async function expectNoCrash(page: Page, errors: Error[]) {
  await expect(page.getByText("This is a problem in the dashboard")).toHaveCount(0);
  await expect(page.getByText(/could not be shown|Application error/)).toHaveCount(0);
  expect(errors.map((e) => e.message)).toEqual([]);
}

const linkProblem = (page: Page) =>
  page.getByTestId("error-panel").filter({ hasText: "This link has a problem" });

test.beforeEach(async () => {
  await sandboxControl("fail-next", { status: 429, count: 0 });
});

for (const path of ["/messages", "/optouts", "/spend", "/delivery", "/compliance"]) {
  test(`${path}: an unknown zone is a clear message with a way out, with or without a range`, async ({
    page,
  }) => {
    const errors: Error[] = [];
    page.on("pageerror", (e) => errors.push(e));

    // Without from/to the default range used to be computed in that zone, throwing in render.
    await page.goto(`${path}?tz=Not/AZone`);
    await expect(linkProblem(page)).toContainText('"Not/AZone" is not a time zone');
    await expectNoCrash(page, errors);
    await page.getByRole("button", { name: "Use my time zone" }).click();
    // The zone's "/" may stay as it is in the URL or be written %2F: the same link either way.
    await expect(page).toHaveURL(/tz=Australia(\/|%2F)Sydney/);
    await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\d/);
    await expect(linkProblem(page)).toHaveCount(0);
    await expectNoCrash(page, errors);

    // With a range the same zone is refused in words too, and the same button fixes it.
    await page.goto(`${path}?from=${utcDay(3)}&to=${utcDay(1)}&tz=Not/AZone`);
    await expect(linkProblem(page)).toContainText("Not/AZone");
    await page.getByRole("button", { name: "Use my time zone" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${utcDay(3)}.*tz=Australia(/|%2F)Sydney`));
    await expect(linkProblem(page)).toHaveCount(0);
    await expectNoCrash(page, errors);
  });

  test(`${path}: days outside the span are refused in words`, async ({ page }) => {
    const errors: Error[] = [];
    page.on("pageerror", (e) => errors.push(e));
    for (const days of ["from=0001-01-01", "from=2026-01-01&to=9999-12-31&tz=UTC"]) {
      await page.goto(`${path}?${days}`);
      await expect(linkProblem(page)).toContainText(
        "Pick days between 1 January 2000 and 31 December 2099",
      );
      await expectNoCrash(page, errors);
    }
    await page.getByRole("link", { name: "Reset the filters" }).click();
    await expect(linkProblem(page)).toHaveCount(0);
  });
}

test("Compliance before 2000 names the span, not the API's inverted range", async ({ page }) => {
  await page.goto("/compliance?from=1999-01-01&to=1999-01-07&tz=UTC");
  await expect(linkProblem(page)).toContainText("Pick days between 1 January 2000");
  await expect(page.getByText(/startDate must not be after endDate/)).toHaveCount(0);
});

test("a 50-year search is refused with the one 400-day cap, on the page", async ({ page }) => {
  await page.goto("/messages?from=2000-01-01&to=2049-12-31&tz=UTC&number=447");
  await expect(linkProblem(page)).toContainText("Pick at most 400 days for a search");
  // One page of the plain list over the same days is fine: it reads one API page.
  await page.goto("/messages?from=2000-01-01&to=2049-12-31&tz=UTC&pageSize=10");
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(10);
});

test("message detail: an unknown zone falls back to UTC instead of crashing", async ({ page }) => {
  const errors: Error[] = [];
  page.on("pageerror", (e) => errors.push(e));
  const [message] = await sandboxApi<{ id: string }[]>("/message", {
    startDate: utcDay(3),
    endDate: utcDay(2),
    pageSize: 1,
  });
  if (!message) throw new Error("no message in the sandbox data");
  for (const q of ["tz=Not/AZone", `from=0001-01-01&to=${utcDay(1)}&tz=Not/AZone`]) {
    await page.goto(`/messages/${message.id}?${q}`);
    await expect(page.getByTestId("message-body")).toBeVisible();
    await expect(page.getByText(/Replies received .*\(UTC\)/)).toBeVisible();
    await expectNoCrash(page, errors);
  }
});

test("audit log filters are refused inline, in words (was a 500 or a dropped connection)", async ({
  page,
}) => {
  const alert = page.getByRole("alert").filter({ hasText: "Clear the filters" });
  await page.goto("/admin/audit?to=9999-12-31");
  await expect(alert).toContainText(
    'To (day): "9999-12-31" is out of range. Pick days between 1 January 2000 and 31 December 2099.',
  );
  await page.goto("/admin/audit?actor=%00");
  await expect(alert).toContainText("Actor email: The email contains a control character");
  await page.goto("/admin/audit?page=abc&pageSize=7");
  await expect(alert).toContainText("Page: Use a whole page number");
  await expect(alert).not.toContainText(/Invalid input|expected/);
  await alert.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page.getByRole("table")).toBeVisible();
});
