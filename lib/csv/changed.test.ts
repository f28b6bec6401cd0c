import { describe, expect, it } from "vitest";
import { CSV_FORMULA, CSV_QUOTES, csvCellRules } from "./changed";
import { toCsvCells } from "./columns";
import { FORMULA_PREFIX } from "./formula";
import { HOSTILE_CELLS } from "./hostile-cells";
import { csvRows } from "./serialise";

// csvCellRules must say exactly how the rules write a cell: a wrong bit would put a live
// formula or a broken row into an export written by PostgreSQL from the bits alone
// (lib/mirror/exports).

function rulesLine(value: string, kind: "text" | "phone"): string {
  const columns = [
    { header: "a", kind, get: (r: { v: string }) => r.v },
    { header: "b", kind: "text" as const, get: () => null },
  ];
  return csvRows([toCsvCells({ v: value }, columns)]);
}

/** The line an export writes from the bits alone (lib/csv/sql.ts's cell from its rules). */
function bitsLine(value: string, bits: number): string {
  const written = bits & CSV_FORMULA ? FORMULA_PREFIX + value : value;
  const cell = bits & CSV_QUOTES ? `"${written.replaceAll('"', '""')}"` : written;
  return `${cell},\r\n`;
}

describe("csvCellRules", () => {
  it.each(["text", "phone"] as const)("gives the rules' line on hostile %s cells", (kind) => {
    const disagree = HOSTILE_CELLS.filter(
      (value) => bitsLine(value, csvCellRules(value, kind)) !== rulesLine(value, kind),
    );
    expect(disagree).toEqual([]);
  });

  it("sets each bit alone and both together", () => {
    expect(csvCellRules("plain", "text")).toBe(0);
    expect(csvCellRules("=1+1", "text")).toBe(CSV_FORMULA);
    expect(csvCellRules("a,b", "text")).toBe(CSV_QUOTES);
    expect(csvCellRules('=HYPERLINK("x")', "text")).toBe(CSV_FORMULA | CSV_QUOTES);
    // A tab is a formula trigger and an edge space: after the prefix it is no longer at
    // the edge, so the cell is not quoted.
    expect(csvCellRules("\tx", "text")).toBe(CSV_FORMULA);
    expect(csvCellRules("x\t", "text")).toBe(CSV_QUOTES);
  });

  it("tells the kinds apart where the rules do", () => {
    expect(csvCellRules("+44 7700 900123", "phone")).toBe(0);
    expect(csvCellRules("+44 7700 900123", "text")).toBe(CSV_FORMULA);
    expect(csvCellRules("+447700900123", "text")).toBe(0);
    expect(csvCellRules("=1+1", "phone")).toBe(CSV_FORMULA);
    expect(csvCellRules("+44 7700 ", "phone")).toBe(CSV_QUOTES);
  });

  it("never marks a null or empty cell", () => {
    expect(csvCellRules(null, "text")).toBe(0);
    expect(csvCellRules("", "phone")).toBe(0);
  });
});
