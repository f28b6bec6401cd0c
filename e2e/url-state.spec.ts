import { expect, test, type Page } from "@playwright/test";
import { sandboxControl } from "./helpers";

// Filters live in the URL. A second change made before the first has reached the URL must
// not build its address from the old one: both changes land (they used to lose the first).

const EMPTY_DAY = "from=2020-01-01&to=2020-01-01&tz=UTC";

/**
 * Two changes made in the page itself, `gapMs` apart (a person is that quick; a round trip
 * through Playwright is not): a select's new value, or a search box's text submitted.
 */
async function changeTwice(
  page: Page,
  first: [label: string, value: string],
  second: [label: string, value: string],
  gapMs = 100,
) {
  const a = await page.getByLabel(first[0]).elementHandle();
  const b = await page.getByLabel(second[0]).elementHandle();
  await page.evaluate(
    async ({ a, b, first, second, gapMs }) => {
      const change = (el: Element | null, value: string) => {
        if (!(el instanceof HTMLSelectElement || el instanceof HTMLInputElement)) {
          throw new Error("not a select or an input");
        }
        el.value = value;
        if (el instanceof HTMLSelectElement)
          el.dispatchEvent(new Event("change", { bubbles: true }));
        else el.form?.requestSubmit();
      };
      change(a, first);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      change(b, second);
    },
    { a, b, first: first[1], second: second[1], gapMs },
  );
}

/** Until hydrated the zone select offers only the URL's zone: the whole list proves React runs. */
async function hydrated(page: Page) {
  await expect(page.getByLabel("Time zone").locator('option[value="Europe/London"]')).toHaveCount(
    1,
  );
}

/** The URL's value of each key, polled until the page has written them. */
function expectParams(page: Page, expected: Record<string, string>) {
  return expect
    .poll(() => {
      const params = new URL(page.url()).searchParams;
      return Object.fromEntries(Object.keys(expected).map((k) => [k, params.get(k)]));
    })
    .toEqual(expected);
}

test.beforeEach(async () => {
  await sandboxControl("fail-next", { status: 429, count: 0 });
});

test("Messages: two filter changes 100 ms apart both land in the URL", async ({ page }) => {
  await page.goto(`/messages?${EMPTY_DAY}`);
  await hydrated(page);
  await changeTwice(page, ["Direction", "MO"], ["Page size", "25"]);
  await expectParams(page, { direction: "MO", pageSize: "25", from: "2020-01-01", tz: "UTC" });
  await expect(page.getByLabel("Direction")).toHaveValue("MO");
  await expect(page.getByLabel("Page size")).toHaveValue("25");
});

test("Opt-outs: a page size and a number search 100 ms apart both land", async ({ page }) => {
  await page.goto(`/optouts?${EMPTY_DAY}`);
  await hydrated(page);
  await changeTwice(page, ["Page size", "25"], ["Search number", "4477"]);
  await expectParams(page, { pageSize: "25", number: "4477", from: "2020-01-01" });
});

test("Spend: a direction and a zone 100 ms apart both land", async ({ page }) => {
  await page.goto(`/spend?${EMPTY_DAY}`);
  await hydrated(page);
  await changeTwice(page, ["Direction", "MT"], ["Time zone", "Europe/London"]);
  await expectParams(page, { direction: "MT", tz: "Europe/London", from: "2020-01-01" });
});
