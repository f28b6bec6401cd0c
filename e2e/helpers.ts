import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const SANDBOX_URL = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 4310}`;
export const API_KEY = "5a4c0ffe-0000-4000-8000-5a4db0c5e001";
export const BAD_KEY_URL = `http://127.0.0.1:${process.env.E2E_BADKEY_PORT ?? 3311}`;
/** The server with the local mirror on (its own sandbox; playwright.config.ts). */
export const MIRROR_URL = `http://127.0.0.1:${process.env.E2E_MIRROR_PORT ?? 3312}`;
export const MIRROR_SANDBOX_URL = `http://127.0.0.1:${process.env.E2E_MIRROR_SANDBOX_PORT ?? 4311}`;

export async function sandboxControl(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${SANDBOX_URL}/__sandbox/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** Calls the sandbox API directly (as the dashboard's server would). */
export async function sandboxApi<T>(
  path: string,
  query: Record<string, string | number>,
): Promise<T> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${SANDBOX_URL}${path}?${qs}`, {
    headers: { Authorization: `Bearer ${API_KEY}` },
  });
  if (!res.ok) throw new Error(`sandbox ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function expectNoSeriousA11yViolations(page: Page) {
  // Legacy mode runs axe.run in the page itself; the default opens a blank page per call to
  // merge each frame's partial results (for cross-origin frames, which the dashboard has none
  // of). Only violations are asked for: the default also describes every passing node. Each
  // halves the time: axe on a filled /messages took 14.6 s of renderer time, 5.2 s with both.
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ["violations"] })
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Ids of the rows in the messages table, in display order (from the hidden-by-default id column we enable). */
export async function rowTexts(page: Page): Promise<string[]> {
  return page.locator("table tbody tr").allInnerTexts();
}
