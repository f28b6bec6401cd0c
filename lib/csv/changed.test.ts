import { describe, expect, it } from "vitest";
import { csvCellChanged } from "./changed";
import { toCsvCells } from "./columns";
import { HOSTILE_CELLS } from "./hostile-cells";
import { csvRows } from "./serialise";

// csvCellChanged must say exactly when the rules write a cell as something else than its
// value: "unchanged" where the rules do change it would put a live formula or a broken row
// into an export written by PostgreSQL (lib/mirror/exports).

function writtenAsIs(value: string, kind: "text" | "phone"): boolean {
  const columns = [
    { header: "a", kind, get: (r: { v: string }) => r.v },
    { header: "b", kind: "text" as const, get: () => null },
  ];
  return csvRows([toCsvCells({ v: value }, columns)]) === `${value},\r\n`;
}

describe("csvCellChanged", () => {
  it.each(["text", "phone"] as const)("agrees with the rules on hostile %s cells", (kind) => {
    const disagree = HOSTILE_CELLS.filter(
      (value) => csvCellChanged(value, kind) === writtenAsIs(value, kind),
    );
    expect(disagree).toEqual([]);
  });

  it("tells the kinds apart where the rules do", () => {
    expect(csvCellChanged("+44 7700 900123", "phone")).toBe(false);
    expect(csvCellChanged("+44 7700 900123", "text")).toBe(true);
    expect(csvCellChanged("+447700900123", "text")).toBe(false);
    expect(csvCellChanged("=1+1", "phone")).toBe(true);
    expect(csvCellChanged("+44 7700 ", "phone")).toBe(true);
  });

  it("never marks a null or empty cell", () => {
    expect(csvCellChanged(null, "text")).toBe(false);
    expect(csvCellChanged("", "phone")).toBe(false);
  });
});
