import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { toCsvCells, type CsvColumnKind } from "./columns";
import { csvRows } from "./serialise";
import { HOSTILE_CELLS as HOSTILE } from "./hostile-cells";
import { csvCellRules } from "./changed";
import { csvCellRulesSql, csvLineSql, JS_WHITESPACE, sqlLiteral } from "./sql";

// The SQL twin of the cell rules gives the very bytes the TypeScript rules give, on text
// built to break them: formula prefixes, quotes, separators, every whitespace at either edge,
// phone-like and not-quite-phone-like values, unicode beyond the BMP.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

async function sqlLine(value: string, kind: CsvColumnKind): Promise<string> {
  const line = csvLineSql([
    { expression: sqlLiteral(value), kind },
    { expression: "null", kind: "text" },
  ]);
  return t.withConnection(async (c) => {
    const { rows } = await c.query(`select ${line} as line`);
    return String(rows[0]?.line);
  });
}

function tsLine(value: string, kind: CsvColumnKind): string {
  const columns = [
    { header: "a", kind, get: (r: { v: string }) => r.v },
    { header: "b", kind: "text" as const, get: () => null },
  ];
  return csvRows([toCsvCells({ v: value }, columns)]);
}

describe("csvLineSql", () => {
  it.each(["text", "phone", "raw"] as const)(
    "writes %s cells as the TypeScript rules do",
    async (kind) => {
      for (const value of HOSTILE) {
        expect({ value, line: await sqlLine(value, kind) }).toEqual({
          value,
          line: tsLine(value, kind),
        });
      }
    },
  );

  it.each(["text", "phone"] as const)(
    "computes csvCellRules' bits for %s cells, and writes the rules' line from them",
    async (kind) => {
      for (const value of HOSTILE) {
        const literal = sqlLiteral(value);
        const rules = csvCellRulesSql(literal, kind);
        const line = (bits: string) =>
          csvLineSql([
            { expression: literal, kind, rules: bits },
            { expression: "null", kind: "text" as const, rules: "0" },
          ]);
        const stored = String(csvCellRules(value, kind));
        const { rows } = await t.withConnection((c) =>
          c.query(`select ${rules} as bits, ${line(rules)} as a, ${line(stored)} as b`),
        );
        const want = tsLine(value, kind);
        expect({ value, bits: rows[0]?.bits, a: rows[0]?.a, b: rows[0]?.b }).toEqual({
          value,
          bits: csvCellRules(value, kind),
          a: want,
          b: want,
        });
      }
    },
  );

  it("writes a cell from its bits alone", async () => {
    // The bits are what make the export fast: check each is obeyed as given (a wrong 0
    // would write a formula unneutralised), whatever the value holds.
    const line = async (value: string, bits: number) => {
      const fields = [
        { expression: sqlLiteral(value), kind: "text" as const, rules: String(bits) },
        { expression: sqlLiteral("b"), kind: "raw" as const, rules: "0" },
      ];
      const { rows } = await t.withConnection((c) => c.query(`select ${csvLineSql(fields)} as l`));
      return rows[0]?.l;
    };
    expect(await line("=1+1", 0)).toBe("=1+1,b\r\n");
    expect(await line('a"b', 1)).toBe(`'a"b,b\r\n`);
    expect(await line('a"b', 2)).toBe(`"a""b",b\r\n`);
    expect(await line('a"b', 3)).toBe(`"'a""b",b\r\n`);
  });

  it("writes null as an empty cell", async () => {
    const line = csvLineSql([
      { expression: "null::text", kind: "text" },
      { expression: "null::text", kind: "phone" },
      { expression: "null::text", kind: "number" },
    ]);
    const { rows } = await t.withConnection((c) => c.query(`select ${line} as line`));
    expect(rows[0]?.line).toBe(",,\r\n");
  });

  it("refuses one-field rows (written differently) and NUL characters", () => {
    expect(() => csvLineSql([{ expression: "x", kind: "text" }])).toThrow(RangeError);
    expect(() => sqlLiteral("a\0b")).toThrow(RangeError);
  });
});

describe("JS_WHITESPACE", () => {
  it("is exactly what JavaScript's \\s matches", () => {
    const matched: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (/\s/.test(c)) matched.push(c);
    }
    expect([...JS_WHITESPACE].sort()).toEqual(matched.sort());
  });
});
