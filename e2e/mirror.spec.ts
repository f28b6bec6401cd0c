import { expect, test, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD, demoEmail } from "./auth-env";
import { signIn } from "./auth-helpers";
import { expectNoSeriousA11yViolations, MIRROR_SANDBOX_URL, MIRROR_URL } from "./helpers";

// The local mirror end to end, on the server that syncs (its own sandbox, whose clock runs in
// real time): the Sync page fills by itself on start, says what it holds, syncs on demand,
// and a wipe empties it until the next sync.

test.use({ storageState: { cookies: [], origins: [] } });

interface SandboxInfo {
  visibleMessages: number;
  visibleOptouts: number;
}

async function sandboxInfo(): Promise<SandboxInfo> {
  const res = await fetch(`${MIRROR_SANDBOX_URL}/__sandbox/info`);
  return (await res.json()) as SandboxInfo;
}

async function messagesInCopy(page: Page): Promise<number> {
  const text = await page.getByTestId("sync-messages-in-the-copy").innerText();
  return Number(text.replace(/,/g, ""));
}

test("the Sync page shows the copy filling on start, then up to date", async ({ page }) => {
  await signIn(page, demoEmail("admin"), E2E_DEMO_PASSWORD, MIRROR_URL);
  await page.goto(`${MIRROR_URL}/admin/sync`);
  await expect(page.getByRole("heading", { name: "Sync", level: 1 })).toBeVisible();
  // The backfill of 30 days × ~670 messages finishes within seconds; the page refreshes itself.
  await expect(page.getByTestId("sync-state")).toHaveAttribute("data-state", "idle", {
    timeout: 60_000,
  });
  const info = await sandboxInfo();
  // Everything the sandbox shows now, give or take the messages that arrived since the sync.
  const copied = await messagesInCopy(page);
  expect(copied).toBeGreaterThan(info.visibleMessages - 20);
  expect(copied).toBeLessThanOrEqual(info.visibleMessages);
  await expect(page.getByTestId("sync-opt-outs-in-the-copy")).not.toHaveText("0");
  await expect(page.getByTestId("sync-last-successful-sync")).toContainText("ago");
  await expectNoSeriousA11yViolations(page);

  // The menu leads here for an admin.
  await expect(page.getByRole("link", { name: "Sync", exact: true })).toBeVisible();
});

test("GET /api/sync/status answers exactly its seven fields, signed in only", async ({ page }) => {
  const signedOut = await fetch(`${MIRROR_URL}/api/sync/status`);
  expect(signedOut.status).toBe(401);

  await signIn(page, demoEmail("support"), E2E_DEMO_PASSWORD, MIRROR_URL);
  const res = await page.request.get(`${MIRROR_URL}/api/sync/status`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(
    [
      "coveredFrom",
      "coveredTo",
      "lastError",
      "lastSuccessAt",
      "messages",
      "optOuts",
      "state",
    ].sort(),
  );
  expect(["idle", "running", "error"]).toContain(body.state);
  for (const key of ["coveredFrom", "coveredTo", "lastSuccessAt"] as const) {
    const value = body[key];
    if (value !== null) expect(new Date(value as string).toISOString()).toBe(value);
  }
  expect(typeof body.messages).toBe("number");
  expect(typeof body.optOuts).toBe("number");

  // Support has no Sync page.
  const page403 = await page.goto(`${MIRROR_URL}/admin/sync`);
  expect(page403?.status()).toBe(403);
});

test("Sync now runs a sync; a wipe needs the word, empties the copy, and the next sync refills it", async ({
  page,
}) => {
  await signIn(page, demoEmail("admin"), E2E_DEMO_PASSWORD, MIRROR_URL);
  await page.goto(`${MIRROR_URL}/admin/sync`);
  await expect(page.getByTestId("sync-state")).toHaveAttribute("data-state", "idle", {
    timeout: 60_000,
  });

  await page.getByRole("button", { name: "Wipe the local copy" }).click();
  await expect(page.getByTestId("wipe-notice")).toHaveText(/Type "wipe" to confirm/);
  await expect.poll(() => messagesInCopy(page)).toBeGreaterThan(0);

  await page.getByLabel('Type "wipe" to confirm').fill("wipe");
  await page.getByRole("button", { name: "Wipe the local copy" }).click();
  // A sync may be running at that moment: the page says so, and a second try succeeds.
  await expect(page.getByTestId("wipe-notice")).toHaveText(
    /The local copy is empty|A sync is running/,
  );
  if (/A sync is running/.test(await page.getByTestId("wipe-notice").innerText())) {
    await expect(page.getByTestId("sync-state")).toHaveAttribute("data-state", "idle", {
      timeout: 60_000,
    });
    await page.getByLabel('Type "wipe" to confirm').fill("wipe");
    await page.getByRole("button", { name: "Wipe the local copy" }).click();
    await expect(page.getByTestId("wipe-notice")).toHaveText(/The local copy is empty/);
  }

  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByTestId("sync-now-notice")).toHaveText("Sync started.");
  await expect.poll(() => messagesInCopy(page), { timeout: 60_000 }).toBeGreaterThan(19_000);
});
