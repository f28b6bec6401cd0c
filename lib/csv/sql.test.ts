import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { toCsvCells, type CsvColumnKind } from "./columns";
import { csvRows } from "./serialise";
import { HOSTILE_CELLS as HOSTILE } from "./hostile-cells";
import { csvCellUnchangedSql, csvLineSql, JS_WHITESPACE, sqlLiteral } from "./sql";

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
    "writes the plain line exactly when every %s cell is unchanged",
    async (kind) => {
      const unchanged: string[] = [];
      for (const value of HOSTILE) {
        const literal = sqlLiteral(value);
        const unchangedWhen = csvCellUnchangedSql(literal, kind);
        const fields = [
          { expression: literal, kind, unchangedWhen },
          { expression: "null", kind: "text" as const },
        ];
        const { rows } = await t.withConnection((c) =>
          c.query(`select ${csvLineSql(fields)} as line, ${unchangedWhen} as plain`),
        );
        // With the condition the line is still the rules' line, and the condition never
        // vouches for a value the rules change.
        expect({ value, line: rows[0]?.line }).toEqual({ value, line: tsLine(value, kind) });
        if (rows[0]?.plain === true) {
          expect({ value, line: tsLine(value, kind) }).toEqual({ value, line: `${value},\r\n` });
          unchanged.push(value);
        }
      }
      // It vouches for the common values, phone numbers included (else it saves nothing).
      expect(unchanged).toEqual(
        expect.arrayContaining(["", "plain", "+447700900123", "447700900123", "it's"]),
      );
      if (kind === "phone") expect(unchanged).toContain("+44 7700 900123");
    },
  );

  it("writes a cell plainly on its condition's word alone, and by the full rules otherwise", async () => {
    // The plain branch is what makes the export fast: check it is taken (it would write a
    // formula unneutralised if forced) and that the full rules run when the condition fails.
    const line = async (first: string, second: string) => {
      const fields = [
        { expression: sqlLiteral("=1+1"), kind: "text" as const, unchangedWhen: first },
        { expression: sqlLiteral("a,b"), kind: "raw" as const, unchangedWhen: second },
      ];
      const { rows } = await t.withConnection((c) => c.query(`select ${csvLineSql(fields)} as l`));
      return rows[0]?.l;
    };
    expect(await line("1 = 1", "true")).toBe("=1+1,a,b\r\n");
    expect(await line("1 = 0", "1 = 0")).toBe(`'=1+1,"a,b"\r\n`);
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
