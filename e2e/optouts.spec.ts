import { expect, test, type Page } from "@playwright/test";
import { API_KEY, SANDBOX_URL, expectNoSeriousA11yViolations, sandboxApi } from "./helpers";

interface ApiOptOut {
  id: number;
  mobile: string;
  note: string;
  created: number;
}

const utcDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
// The sandbox spans the 30 days up to now; in UTC these days cover all of it.
const FROM = utcDay(-29);
const TO = utcDay(0);
const ALL_DAYS = `from=${FROM}&to=${TO}&tz=UTC`;

/** The opt-outs of FROM..TO (UTC) straight from the API, in the API's order. */
async function apiOptOuts(): Promise<ApiOptOut[]> {
  return sandboxApi<ApiOptOut[]>("/addressbook/optout", {
    startDate: FROM,
    endDate: utcDay(1),
    pageSize: 1000,
  });
}

/** Adds or removes an opt-out directly in the sandbox (setup and clean-up). */
async function sandboxOptOut(method: "POST" | "DELETE", mobile: string): Promise<number> {
  const res = await fetch(`${SANDBOX_URL}/addressbook/optout`, {
    method,
    headers: { Authorization: `Bearer ${API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ mobile }),
  });
  return res.status;
}

/** A number no other test (or earlier run against the same sandbox) uses. */
function uniqueMobile(): string {
  const n = Date.now() * 100 + Math.floor(Math.random() * 100);
  return `4479${String(n).slice(-9)}`;
}

const rows = (page: Page) => page.getByRole("table").locator("tbody tr");
const mobiles = (page: Page) => rows(page).locator("td:first-child").allInnerTexts();

test("lists the API's opt-outs for a range, in the chosen zone, knowing the last page", async ({
  page,
}) => {
  const all = await apiOptOuts();
  expect(all.length).toBeGreaterThan(100);
  await page.goto(`/optouts?${ALL_DAYS}`);

  await expect(rows(page)).toHaveCount(100);
  expect(await mobiles(page)).toEqual(all.slice(0, 100).map((o) => o.mobile));
  const first = all[0]!;
  const firstRow = rows(page).first();
  await expect(firstRow).toContainText(first.note);
  await expect(firstRow).toContainText(String(first.id));
  // Created is shown in the chosen zone (UTC here): 2026-03-01 10:20:30.
  const created = new Date(first.created).toISOString().slice(0, 19).replace("T", " ");
  await expect(firstRow.locator("time")).toHaveText(created);
  await expect(page.getByTestId("zone-note")).toContainText("UTC");
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveAttribute(
    "href",
    `/api/export/optouts?from=${FROM}&to=${TO}&tz=UTC`,
  );
  await expectNoSeriousA11yViolations(page);

  const lastPage = Math.ceil(all.length / 100);
  await page.goto(`/optouts?${ALL_DAYS}&page=${lastPage}`);
  await expect(rows(page)).toHaveCount(all.length - (lastPage - 1) * 100);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await expect(page.getByText("(last page)")).toBeVisible();
});

test("opens with the last 7 days in the browser's zone and names an empty range", async ({
  page,
}) => {
  // A hydration mismatch (React error 418) would discard what someone typed early.
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/optouts");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
  expect(new URL(page.url()).searchParams.get("tz")).toBe("Australia/Sydney");
  await expect(rows(page).first()).toBeVisible();
  expect(errors).toEqual([]);

  await page.goto("/optouts?from=2020-01-01&to=2020-01-02&tz=UTC");
  await expect(page.getByText("No opt-outs from 1 Jan 2020 – 2 Jan 2020 (UTC).")).toBeVisible();
});

test("number search looks across the whole range, not just the page", async ({ page }) => {
  const all = await apiOptOuts();
  const target = all[150] ?? all[all.length - 1]!; // past the first page of 100
  expect(all.slice(0, 100).map((o) => o.mobile)).not.toContain(target.mobile);
  const partial = target.mobile.slice(-7);
  const expected = all.filter((o) => o.mobile.includes(partial)).map((o) => o.mobile);

  await page.goto(`/optouts?${ALL_DAYS}`);
  await expect(rows(page)).toHaveCount(100);
  await page.getByLabel("Search number").fill(partial);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`number=${partial}`));
  await expect(rows(page)).toHaveCount(expected.length);
  expect(await mobiles(page)).toEqual(expected);
  await expect(page.getByTestId("search-summary")).toContainText(
    `${expected.length} opt-out${expected.length === 1 ? "" : "s"} match`,
  );

  // With a leading "+" and spaces, the full number finds the same record.
  const spaced = `+${target.mobile.slice(0, 4)} ${target.mobile.slice(4)}`;
  await page.getByLabel("Search number").fill(spaced);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/number=%2B/);
  await expect(page.getByTestId("search-summary")).toContainText("1 opt-out matches");
  // The previous search also had one match: wait for the rows, not only the summary.
  await expect.poll(() => mobiles(page)).toEqual([target.mobile]);

  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page).not.toHaveURL(/number=/);
  await expect(rows(page)).toHaveCount(100);
});

test("adding an opt-out shows it in the list", async ({ page }) => {
  const mobile = uniqueMobile();
  try {
    await page.goto("/optouts?pageSize=1000");
    await expect(rows(page).first()).toBeVisible();
    expect(await mobiles(page)).not.toContain(mobile);

    await page.getByLabel("Mobile number").fill(`+${mobile.slice(0, 2)} ${mobile.slice(2)}`);
    await page.getByRole("button", { name: "Add opt-out" }).click();
    await expect(page.getByRole("status").filter({ hasText: "is opted out" })).toContainText(
      mobile,
    );
    // The newest opt-out is the last row; a long list renders only the rows in view.
    await expect(async () => {
      const scroller = page.getByTestId("table-scroll");
      if ((await scroller.count()) > 0) {
        await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      }
      await expect(rows(page).filter({ hasText: mobile })).toHaveCount(1, { timeout: 1000 });
    }).toPass();
    await expect(rows(page).filter({ hasText: mobile })).toContainText("API");
    await expect(page.getByLabel("Mobile number")).toHaveValue("");
  } finally {
    await sandboxOptOut("DELETE", mobile);
  }
});

test("an invalid number is refused with the validation or the API's message", async ({ page }) => {
  await page.goto(`/optouts?${ALL_DAYS}`);
  const form = page.getByRole("region", { name: "Add an opt-out" });
  const input = form.getByLabel("Mobile number");
  const add = form.getByRole("button", { name: "Add opt-out" });

  await input.fill("07700 9OO123");
  await add.click();
  await expect(form.getByRole("alert")).toContainText("may only contain digits");
  await expect(input).toHaveAttribute("aria-invalid", "true");

  // Plausible to the form (7 digits), refused by the API: its own words are shown.
  await input.fill("1234567");
  await add.click();
  await expect(form.getByRole("alert")).toContainText("Invalid mobile number");
  expect((await apiOptOuts()).map((o) => o.mobile)).not.toContain("1234567");
});

test("removing an opt-out asks for confirmation, then it disappears", async ({ page }) => {
  const mobile = uniqueMobile();
  expect(await sandboxOptOut("POST", mobile)).toBe(200);
  try {
    await page.goto(`/optouts?number=${mobile}`);
    const row = rows(page).filter({ hasText: mobile });
    await expect(row).toHaveCount(1);

    // Cancel keeps it.
    await page.getByRole("button", { name: `Remove opt-out of ${mobile}` }).click();
    const dialog = page.getByRole("dialog", { name: `Remove the opt-out of ${mobile}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(1);

    // Escape closes it too.
    await page.getByRole("button", { name: `Remove opt-out of ${mobile}` }).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await page.getByRole("button", { name: `Remove opt-out of ${mobile}` }).click();
    await dialog.getByRole("button", { name: "Remove opt-out" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Removed" })).toContainText(mobile);
    await expect(row).toHaveCount(0);
    await expect(page.getByText(`No opt-outs match “${mobile}”`)).toBeVisible();
    expect((await apiOptOuts()).map((o) => o.mobile)).not.toContain(mobile);
  } finally {
    await sandboxOptOut("DELETE", mobile);
  }
});

test("bad URL parameters give a clear message, not a crash", async ({ page }) => {
  await page.goto(`/optouts?${ALL_DAYS}&number=abc`);
  // (Next.js adds an empty role="alert" route announcer, hence the filter.)
  await expect(page.getByRole("alert").filter({ hasText: "number" })).toContainText("digits only");
  await page.getByRole("link", { name: "Reset the filters" }).click();
  await expect(rows(page).first()).toBeVisible();
});

test("a read that throws (the connection drops) shows an error with a retry", async ({ page }) => {
  const dropActions = (route: import("@playwright/test").Route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue();
  // A pattern, not a glob: a zone in the URL keeps its "/" (Australia/Sydney), which `*` skips.
  await page.route(/\/optouts\?/, dropActions);
  await page.goto(`/optouts?${ALL_DAYS}`);
  const panel = page.getByTestId("error-panel");
  await expect(panel).toContainText("The dashboard server did not answer");
  await page.unroute(/\/optouts\?/, dropActions);
  await panel.getByRole("button", { name: "Try again" }).click();
  await expect(rows(page).first()).toBeVisible();
});

test("a national number is refused with the reason; a repeated opt-out is said to be there already", async ({
  page,
}) => {
  const mobile = uniqueMobile();
  expect(await sandboxOptOut("POST", mobile)).toBe(200);
  try {
    await page.goto(`/optouts?${ALL_DAYS}`);
    const form = page.getByRole("region", { name: "Add an opt-out" });
    const input = form.getByLabel("Mobile number");
    const add = form.getByRole("button", { name: "Add opt-out" });

    // No DASHBOARD_DEFAULT_COUNTRY here: a number starting with 0 names no country.
    await input.fill("0412 345 678");
    await add.click();
    await expect(form.getByRole("alert")).toContainText("national format");
    expect((await apiOptOuts()).map((o) => o.mobile)).not.toContain("0412345678");

    await input.fill(`+${mobile}`);
    await add.click();
    await expect(form.getByRole("status")).toContainText(`${mobile} was already opted out`);
  } finally {
    await sandboxOptOut("DELETE", mobile);
  }
});
