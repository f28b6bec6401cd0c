import { readFile } from "node:fs/promises";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { BAD_KEY_URL, sandboxApi, sandboxControl } from "./helpers";
import { errorBodySchema } from "../lib/http/error-body";

// CSV downloads through the production build, checked against the sandbox it reads from.
// The sandbox's data ends "now", so the ranges are the last days in UTC.

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = Date.now();
const RANGE = { from: day(today - 6 * DAY), to: day(today), tz: "UTC" };

/** How many records the sandbox has for the UTC days from..to, paging through its API. */
async function sandboxCount(
  path: string,
  range: { from: string; to: string },
  extra: Record<string, string> = {},
): Promise<number> {
  const startDate = `${range.from}T00:00:00+0000`;
  const endDate = `${day(Date.parse(range.to) + DAY)}T00:00:00+0000`;
  let count = 0;
  for (let page = 1; ; page++) {
    const rows = await sandboxApi<unknown[]>(path, {
      startDate,
      endDate,
      page,
      pageSize: 1000,
      ...extra,
    });
    count += rows.length;
    if (rows.length < 1000) return count;
  }
}

function parseCsv(bytes: Buffer): string[][] {
  return parse(bytes, { bom: true, relax_quotes: false, relax_column_count: false });
}

async function expectCsv(res: APIResponse, filename: string): Promise<string[][]> {
  expect(res.status()).toBe(200);
  const headers = res.headers();
  expect(headers["content-type"]).toBe("text/csv; charset=utf-8");
  expect(headers["content-disposition"]).toBe(`attachment; filename="${filename}"`);
  expect(headers["cache-control"]).toBe("no-store");
  const body = await res.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(body);
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The messages file: through the page's "Download CSV" link where it exists. */
async function downloadMessages(page: Page): Promise<{ rows: string[][]; href: string }> {
  await page.goto(`/messages?${query(RANGE)}`);
  const link = page.locator('a[href^="/api/export/messages"]').first();
  const hasLink = await link
    .waitFor({ state: "attached", timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!hasLink) {
    const href = `/api/export/messages?${query(RANGE)}`;
    const res = await page.request.get(href, { timeout: 60_000 });
    return { rows: await expectCsv(res, `messages_${RANGE.from}_${RANGE.to}.csv`), href };
  }
  const href = (await link.getAttribute("href")) ?? "";
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await download.path();
  expect(download.suggestedFilename()).toMatch(/^messages_\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv$/);
  return { rows: parseCsv(await readFile(path)), href };
}

test.beforeEach(async () => {
  await sandboxControl("fail-next", { count: 0 });
});

test("downloads every message of the range as CSV", async ({ page }) => {
  const { rows, href } = await downloadMessages(page);
  const params = new URL(href, "http://x").searchParams;
  expect(params.get("tz")).toBe("UTC");
  const range = { from: params.get("from") ?? "", to: params.get("to") ?? "" };
  const direction = params.get("direction");
  const [header, ...data] = rows;
  expect(header?.slice(0, 3)).toEqual(["id", "created", "modified"]);
  expect(header).toHaveLength(15);
  const expected = await sandboxCount("/message", range, direction ? { direction } : {});
  expect(expected).toBeGreaterThan(1000);
  expect(data).toHaveLength(expected);
  expect(new Set(data.map((r) => r[0])).size).toBe(expected);
  expect(data[0]?.[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
});

test("downloads the range as an Excel workbook from the Messages page", async ({ page }) => {
  await page.goto(`/messages?${query(RANGE)}`, { timeout: 60_000 });
  const link = page.getByRole("link", { name: "Download Excel" });
  const href = (await link.getAttribute("href", { timeout: 30_000 })) ?? "";
  expect(new URL(href, "http://x").searchParams.get("format")).toBe("xlsx");
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 120_000 }),
    link.click(),
  ]);
  expect(download.suggestedFilename()).toBe(`messages_${RANGE.from}_${RANGE.to}.xlsx`);
  // It opens: a workbook with one sheet, the header frozen, every message of the range.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(ws.getRow(1).values).toEqual(
    expect.arrayContaining(["id", "created (UTC)", "recipient", "cost", "currency"]),
  );
  const params = new URL(href, "http://x").searchParams;
  const direction = params.get("direction");
  const expected = await sandboxCount(
    "/message",
    { from: params.get("from") ?? "", to: params.get("to") ?? "" },
    direction ? { direction } : {},
  );
  expect(expected).toBeGreaterThan(1000);
  expect(ws.rowCount - 1).toBe(expected);
  const second = ws.getRow(2);
  expect(second.getCell(1).type).toBe(ExcelJS.ValueType.String); // id
  expect(second.getCell(2).type).toBe(ExcelJS.ValueType.Date); // created
  expect(second.getCell(5).type).toBe(ExcelJS.ValueType.String); // recipient
});

test("downloads one direction and the opt-outs through the browser context", async ({ page }) => {
  const mo = await page.request.get(`/api/export/messages?${query({ ...RANGE, direction: "MO" })}`);
  const moRows = await expectCsv(mo, `messages_${RANGE.from}_${RANGE.to}.csv`);
  expect(moRows.length - 1).toBe(await sandboxCount("/message", RANGE, { direction: "MO" }));
  expect(new Set(moRows.slice(1).map((r) => r[7]))).toEqual(new Set(["MO"]));

  const range = { from: day(today - 29 * DAY), to: day(today), tz: "UTC" };
  const optouts = await page.request.get(`/api/export/optouts?${query(range)}`);
  const [header, ...data] = await expectCsv(optouts, `optouts_${range.from}_${range.to}.csv`);
  expect(header).toEqual(["id", "mobile", "note", "created"]);
  const expected = await sandboxCount("/addressbook/optout", range);
  expect(expected).toBeGreaterThan(50);
  expect(data).toHaveLength(expected);
});

test("answers bad parameters and a rejected key with JSON errors", async ({ page }) => {
  const bad = await page.request.get(`/api/export/messages?${query({ ...RANGE, tz: "Nowhere" })}`);
  expect(bad.status()).toBe(400);
  expect(errorBodySchema.parse(await bad.json()).error).toMatchObject({
    kind: "bad-request",
    message: /time zone/,
  });

  const rejected = await page.request.get(`${BAD_KEY_URL}/api/export/optouts?${query(RANGE)}`);
  expect(rejected.status()).toBe(401);
  const { error } = errorBodySchema.parse(await rejected.json());
  expect(error).toMatchObject({ kind: "key-rejected", status: 401, apiMessage: "Unauthorized" });
  expect(error.message).toMatch(/rejected the API key/);
});

test("a broken download link opened in the browser shows a page in words with a way back", async ({
  page,
}) => {
  // A person follows the link (a navigation): the same 400, as a page, not raw JSON.
  const res = await page.goto(`/api/export/messages?${query({ ...RANGE, tz: "Nowhere" })}`, {
    timeout: 30_000,
  });
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "The download link is not valid" })).toBeVisible();
  await expect(page.getByText(/time zone/)).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).not.toHaveURL(/\/api\//);
});
