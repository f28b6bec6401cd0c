import { expect, test } from "@playwright/test";
import { loginError } from "./auth-helpers";
import { expectNoSeriousA11yViolations } from "./helpers";

// The forms built from components/ui/form-controls.tsx (TextField, SubmitButton), with their errors
// showing: each error is tied to its input (read out with it) and axe finds nothing serious.

test("sign-in form: a refusal marks both fields invalid and is announced", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@demo.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(loginError(page)).toContainText("do not match an account");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveValue("nobody@demo.local");
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

test("users page: the add-user refusal, the password hint and the reset form", async ({ page }) => {
  await page.goto("/admin/users");
  const form = page.getByRole("region", { name: "Add a user" });
  await expect(form.getByLabel("Initial password")).toHaveAccessibleDescription(
    /At least \d+ characters/,
  );
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("alert")).not.toBeEmpty();
  await expectNoSeriousA11yViolations(page);

  const row = page.locator("tbody tr").first();
  await row.getByRole("button", { name: "Reset password" }).click();
  await row.getByLabel(/^New password for /).fill("short");
  await row.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(row.getByRole("alert")).not.toBeEmpty();
  await expectNoSeriousA11yViolations(page);
});

test("settings: each key field reads its hint; a refusal is announced", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByLabel("API base URL")).toHaveAccessibleDescription(/https:\/\/ only/);
  await expect(page.getByLabel("API key", { exact: true })).toHaveAccessibleDescription(
    /Stored encrypted/,
  );
  await page.getByLabel("API base URL").fill("not a url");
  await page.getByRole("button", { name: "Save key" }).click();
  await expect(page.getByTestId("key-message")).toHaveAttribute("role", "alert");
  await expect(page.getByTestId("key-message")).not.toBeEmpty();
  await expectNoSeriousA11yViolations(page);
});

test("messages: a bad id is refused next to Find by id, read out with it", async ({ page }) => {
  await page.goto("/messages?pageSize=10");
  const find = page.getByLabel("Find by id");
  await find.fill("not an id!");
  await find.press("Enter");
  await expect(find).toHaveAttribute("aria-invalid", "true");
  await expect(find).toHaveAccessibleDescription(/A message id is letters and digits/);
  await expectNoSeriousA11yViolations(page);
});
