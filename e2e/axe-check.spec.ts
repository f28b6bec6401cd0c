import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

// The axe helper runs in legacy mode and asks for violations only (helpers.ts): this proves
// it still finds a serious one, so the specs that call it cannot pass by checking nothing.
test("the axe check fails on a page with serious violations", async ({ page }) => {
  await page.setContent(`<!doctype html><html lang="en"><head><title>t</title></head><body>
    <main><button></button><p style="color:#bbb;background:#fff">faint text</p></main>
  </body></html>`);
  const failure = await expectNoSeriousA11yViolations(page).then(
    () => undefined,
    (e: unknown) => String(e),
  );
  expect(failure).toContain("button-name");
  expect(failure).toContain("color-contrast");
});
