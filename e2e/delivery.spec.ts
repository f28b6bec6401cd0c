import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, sandboxApi, sandboxControl } from "./helpers";

// The delivery health report through the production build, checked against counts made
// here from the sandbox's own data with the rule written out again.

interface RawMessage {
  created: string;
  status: string;
}

const DAY_MS = 86_400_000;
const utcDay = (back: number) => new Date(Date.now() - back * DAY_MS).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
const apiMs = (ts: string) => Date.parse(ts.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
const num = (text: string) => Number(text.replace(/,/g, ""));
const PENDING = new Set(
  "ACCEPTED INTERIM_QUEUED INTERIM_ACKNOWLEDGED RETRY SENT ENROUTE SCHEDULED CREATED UNKNOWN".split(
    " ",
  ),
);
const rateText = (delivered: number, failed: number) =>
  delivered + failed === 0
    ? "—"
    : `${(Math.floor((delivered / (delivered + failed)) * 1000 + 1e-9) / 10).toFixed(1)} %`;

test.beforeEach(async () => {
  await sandboxControl("reset", {});
});

test("shows the delivery rate per day and the failures, as a count of the API's data", async ({
  page,
}) => {
  const from = utcDay(9);
  const to = utcDay(3);
  const messages: RawMessage[] = [];
  for (let p = 1; ; p++) {
    const rows = await sandboxApi<RawMessage[]>("/message", {
      startDate: from,
      endDate: nextDay(to),
      direction: "MT",
      page: p,
      pageSize: 1000,
    });
    messages.push(...rows);
    if (rows.length < 1000) break;
  }
  const days = new Map<
    string,
    { messages: number; delivered: number; failed: number; pending: number }
  >();
  for (const m of messages) {
    const day = new Date(apiMs(m.created)).toISOString().slice(0, 10);
    const c = days.get(day) ?? { messages: 0, delivered: 0, failed: 0, pending: 0 };
    c.messages += 1;
    if (m.status === "DELIVERED") c.delivered += 1;
    else if (PENDING.has(m.status)) c.pending += 1;
    else c.failed += 1;
    days.set(day, c);
  }
  const all = [...days.values()].reduce(
    (a, c) => ({
      delivered: a.delivered + c.delivered,
      failed: a.failed + c.failed,
      pending: a.pending + c.pending,
    }),
    { delivered: 0, failed: 0, pending: 0 },
  );

  await page.goto(`/delivery?from=${from}&to=${to}&tz=UTC`);
  const table = page.getByTestId("delivery-by-day");
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("delivery-definition")).toContainText(
    "delivered ÷ (delivered + failed)",
  );
  await expect(table.getByRole("columnheader")).toHaveText([
    "Day",
    "Messages",
    "Delivered",
    "Failed",
    "Pending",
    "Delivery rate",
  ]);
  await expect(table.locator("tbody tr")).toHaveCount(7);
  for (let d = from; d <= to; d = nextDay(d)) {
    const e = days.get(d) ?? { messages: 0, delivered: 0, failed: 0, pending: 0 };
    const cells = await table
      .locator(`tbody tr[data-key="${d}"]`)
      .locator("th, td")
      .allInnerTexts();
    expect(cells.slice(1, 5).map(num), d).toEqual([e.messages, e.delivered, e.failed, e.pending]);
    expect(cells[5], d).toBe(rateText(e.delivered, e.failed));
  }
  const totals = page.getByTestId("delivery-totals");
  await expect(totals.locator('[data-total="rate"]')).toHaveText(
    rateText(all.delivered, all.failed),
  );
  await expect(totals.locator('[data-total="failed"]')).toHaveText(
    all.failed.toLocaleString("en-GB"),
  );
  await expect(totals.locator('[data-total="pending"]')).toHaveText(
    all.pending.toLocaleString("en-GB"),
  );

  for (const id of ["delivery-rate-chart", "failures-by-status-chart", "failures-by-route-chart"]) {
    await expect(page.getByTestId(id).locator("svg[role=application]")).toHaveAttribute(
      "aria-label",
      /Bar chart/,
    );
  }
  await expect(page.getByRole("table", { name: /Failures by status/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Delivery by route/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Incoming messages: only DELIVERED and ACCEPTED in the sandbox, so no failure at all.
  await page.getByLabel("Direction").selectOption("MO");
  await expect(page).toHaveURL(/direction=MO/);
  await expect(page.getByTestId("delivery-totals").locator('[data-total="failed"]')).toHaveText(
    "0",
    { timeout: 30_000 },
  );
});
