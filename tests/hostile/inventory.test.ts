import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder, ROOT, routeOf, serverActionFiles } from "../app-files";
import { ACTIONS, KNOWN_FAILING, PAGES, ROUTES } from "./inventory";

// A page, route handler or server action added without an inventory entry would escape the
// hostile-input suite: these tests fail until it has one.
describe("hostile-input inventory", () => {
  it("lists every page", () => {
    const pages = filesUnder("app").filter((f) => /(?:^|\/)page\.(?:tsx|ts|jsx|js)$/.test(f));
    expect(pages.map(routeOf).sort()).toEqual(PAGES.map((p) => p.route).sort());
  });

  it("lists every route handler", () => {
    const routes = filesUnder("app").filter((f) => /(?:^|\/)route\.(?:ts|js)$/.test(f));
    expect(routes.map(routeOf).sort()).toEqual(ROUTES.map((r) => r.route).sort());
  });

  it('lists every export of every "use server" module', () => {
    const found: string[] = [];
    for (const file of serverActionFiles()) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      for (const m of text.matchAll(/^export\s+(?:async\s+)?(?:function|const)\s+(\w+)/gm)) {
        found.push(`${file}#${m[1]}`);
      }
    }
    expect(found.sort()).toEqual(ACTIONS.map((a) => `${a.file}#${a.name}`).sort());
  });

  it("names only known cases as failing", () => {
    const targets = new Set([
      ...ACTIONS.map((a) => `action:${a.name}`),
      ...ROUTES.map((r) => `route:${r.route}`),
      ...PAGES.map((p) => `page:${p.route}`),
      ...PAGES.filter((p) => p.browser).map((p) => `browser:${p.route}`),
    ]);
    for (const id of KNOWN_FAILING) {
      expect(targets, id).toContain(id.split(":").slice(0, 2).join(":"));
    }
  });
});
