import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs (import/no-restricted-paths), run on probe sources
// placed at paths in each layer: each forbidden direction is reported, each allowed one is
// not. The imported modules exist, so the resolver sees the real files (an import it cannot
// resolve is never reported, which would make a broken rule pass silently).
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RULE = "import/no-restricted-paths";

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    // The probes are not files of the TypeScript project: the type-aware rules stay out.
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: {
        "@typescript-eslint/no-floating-promises": "off",
        "@typescript-eslint/no-misused-promises": "off",
      },
    },
  });
});

/** The import specifiers of `imports` that the layer rule reports in a file at `file`. */
async function refused(file: string, imports: string[]): Promise<string[]> {
  const code =
    imports.map((from, i) => `import * as m${i} from "${from}";`).join("\n") +
    `\nexport const all = [${imports.map((_, i) => `m${i}`).join(", ")}];\n`;
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  const fatal = result?.messages.filter((m) => m.fatal) ?? [];
  expect(fatal).toEqual([]);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === RULE)
    .map((m) => imports[m.line - 1] ?? `line ${m.line}`);
}

describe("lint keeps the layers", { timeout: 60_000 }, () => {
  it("lib imports neither components nor app", async () => {
    const imports = ["@/components/config-missing", "@/app/spend/page", "../components/site-nav"];
    expect(await refused("lib/zz-probe.ts", imports)).toEqual(imports);
    expect(await refused("lib/zz-probe.ts", ["@/lib/time/civil", "./time/range"])).toEqual([]);
  });

  it("components do not import app, and may import lib", async () => {
    expect(await refused("components/zz-probe.tsx", ["@/app/spend/page"])).toEqual([
      "@/app/spend/page",
    ]);
    expect(await refused("components/zz-probe.tsx", ["@/lib/time/civil"])).toEqual([]);
    expect(await refused("app/zz-probe.tsx", ["@/components/config-missing"])).toEqual([]);
  });

  it("only tests, scripts and the sandbox itself import the sandbox", async () => {
    const imports = ["@/sandbox/server", "../sandbox/dates"];
    for (const file of ["app/zz-probe.ts", "lib/zz-probe.ts"]) {
      expect(await refused(file, imports), file).toEqual(imports);
    }
    expect(await refused("components/zz-probe.tsx", ["../sandbox/dates"])).toEqual([
      "../sandbox/dates",
    ]);
    expect(await refused("proxy.ts", ["./sandbox/server"])).toEqual(["./sandbox/server"]);
    expect(await refused("lib/zz-probe.test.ts", ["@/sandbox/server"])).toEqual([]);
    expect(await refused("scripts/zz-probe.ts", ["../sandbox/server"])).toEqual([]);
    expect(await refused("sandbox/zz-probe.ts", ["./server", "../lib/time/civil"])).toEqual([]);
  });

  it("the provider module imports no settings, storage or auth code", async () => {
    const imports = ["@/lib/settings/mobivate-config", "@/lib/db", "../auth/roles"];
    expect(await refused("lib/mobivate/zz-probe.ts", imports)).toEqual(imports);
    expect(await refused("lib/mobivate/zz-probe.ts", ["@/lib/time/parse", "./fetch"])).toEqual([]);
    // Settings resolves the provider's configuration: that direction is the intended one.
    expect(await refused("lib/settings/zz-probe.ts", ["@/lib/mobivate/config"])).toEqual([]);
  });
});
