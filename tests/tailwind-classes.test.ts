import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder, ROOT } from "./app-files";

// Tailwind builds its CSS from the class names it finds by scanning the source. A class glued
// to an interpolation (`divide-slate-100${x}`) is read as one unknown word, so its rule is
// silently missing from the build: the Spend table's dividers were drawn black that way.

/** Template literals (backtick strings) where a class-like word runs straight into `${`. */
function gluedClasses(source: string): string[] {
  const found: string[] = [];
  for (const literal of source.matchAll(/`[^`]*`/g)) {
    for (const m of literal[0].matchAll(/(?:^|[\s`])([a-z][\w:/.[\]-]*)\$\{/g)) {
      const word = m[1] ?? "";
      // `text-${tone}` builds a name on purpose (a separate concern); `x-1${…}` glues one.
      if (word.includes("-") && !word.endsWith("-")) found.push(word);
    }
  }
  return found;
}

describe("Tailwind class names", () => {
  it("finds a glued class (the check can fail)", () => {
    expect(gluedClasses("const c = `divide-y divide-slate-100${top ? ' x' : ''}`;")).toEqual([
      "divide-slate-100",
    ]);
    expect(gluedClasses("const c = `divide-y ${top ? 'x' : ''}`; const u = `/api/${id}`;")).toEqual(
      [],
    );
  });

  it("no component glues a class name to an interpolation", () => {
    const files = [...filesUnder("components"), ...filesUnder("app")].filter((f) =>
      f.endsWith(".tsx"),
    );
    const glued = files.flatMap((f) =>
      gluedClasses(readFileSync(path.join(ROOT, f), "utf8")).map((c) => `${f}: ${c}`),
    );
    expect(glued).toEqual([]);
  });
});
