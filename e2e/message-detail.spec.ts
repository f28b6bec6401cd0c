import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, sandboxApi, sandboxControl } from "./helpers";

type RawMessage = { id: string; inReplyTo: string | null; body: string; created: string };

const utcDay = (back: number) =>
  new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);

/** An MO reply (and the MT it answers) from the sandbox, both within the last few days. */
async function findConversation() {
  const from = utcDay(6);
  const to = utcDay(0);
  const mo = await sandboxApi<RawMessage[]>("/message", {
    startDate: utcDay(3),
    endDate: utcDay(2),
    direction: "MO",
    pageSize: 1000,
  });
  for (const reply of mo) {
    if (!reply.inReplyTo) continue;
    const parent = await sandboxApi<RawMessage>(`/message/${reply.inReplyTo}`, {});
    if (parent.created.slice(0, 10) >= from) return { reply, parent, from, to };
  }
  throw new Error("no conversation in the sandbox data");
}

test("opens a message with its thread: the message it answers and its replies", async ({
  page,
}) => {
  const { reply, parent, from, to } = await findConversation();
  await page.goto(`/messages/${parent.id}?from=${from}&to=${to}&tz=UTC`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(parent.id);
  await expect(page.getByTestId("message-body")).toHaveText(parent.body);
  const replies = page.getByTestId("replies");
  await expect(replies).toContainText(reply.body);
  await expectNoSeriousA11yViolations(page);

  await replies.getByRole("link", { name: new RegExp(`Open message ${reply.id}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reply.id);
  await expect(page.getByText("In reply to", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: parent.body })).toBeVisible();

  await page.getByText("Raw JSON from the API").click();
  await expect(page.locator("pre")).toContainText(`"id": "${reply.id}"`);
});

test("a row of the list opens its message, and Find by id works", async ({ page }) => {
  await page.goto("/messages?pageSize=10");
  const firstLink = page.getByRole("table").getByRole("link").first();
  await expect(firstLink).toBeVisible();
  await firstLink.click();
  await expect(page).toHaveURL(/\/messages\/[0-9A-F]{32}\?/);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  await page.getByRole("link", { name: "← Back to messages" }).click();
  await page.getByLabel("Find by id").fill(id.toLowerCase());
  await page.getByRole("button", { name: "Open" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(id);
});

test("an unknown id is a friendly Not Found", async ({ page }) => {
  await page.goto(`/messages/${"0".repeat(32)}`);
  await expect(page.getByText(/No message with this id/)).toBeVisible();
  await expect(page.getByText(/Not Found/)).toBeVisible();
});

test("text that cannot be an id is refused without asking the API", async ({ page }) => {
  const before = (await sandboxControl("stats")) as { requests: number };
  await page.goto("/messages/not-an-id%3Cb%3E");
  await expect(page.getByText("This is not a message id, so nothing was looked up.")).toBeVisible();
  await expect(page.getByText(/A message id is letters and digits/)).toBeVisible();
  const after = (await sandboxControl("stats")) as { requests: number };
  expect(after.requests).toBe(before.requests);
});
