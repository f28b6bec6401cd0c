import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { CsvColumn } from "@/lib/csv/columns";
import { createIsoCell } from "@/lib/export/iso-time";
import { sheetColumnsOf } from "./columns";
import { SheetRowLimitError, xlsxReadableStream } from "./stream";

// The writer on its own: cells read back with exceljs, a failure mid-file, the row limit,
// cancelling. The routes' tests (lib/export/xlsx-*.test.ts) compare whole files with the
// sandbox's data.

interface Rec {
  id: string;
  phone: string;
  text: string | null;
  cost: string | null;
  parts: number;
  at: number;
}

const TZ = "Europe/London";
function columns(tz = TZ): CsvColumn<Rec>[] {
  const iso = createIsoCell(tz);
  return [
    { header: "id", kind: "text", get: (r) => r.id },
    { header: "recipient", kind: "phone", get: (r) => r.phone },
    { header: "body", kind: "text", get: (r) => r.text },
    { header: "cost", kind: "number", get: (r) => r.cost },
    { header: "parts", kind: "number", get: (r) => r.parts },
    { header: "created", kind: "raw", get: (r) => iso(r.at) },
  ];
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function sheetOf(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no sheet");
  return ws;
}

const rec = (i: number, over: Partial<Rec> = {}): Rec => ({
  id: `00${i}`,
  phone: "447484406059",
  text: `hello ${i}`,
  cost: "0.0425",
  parts: 1,
  at: Date.parse("2023-03-26T00:30:00Z") + i * 60_000,
  ...over,
});

describe("xlsxReadableStream", () => {
  it("writes typed cells: text stays text, costs are numbers, instants are local date-times", async () => {
    const hostile = ['=HYPERLINK("http://x")', "+SUM(1,2)", "-1+2", "@cmd", "=1+1"];
    const records = [
      rec(0, { phone: "0415704927", id: "000123" }),
      ...hostile.map((text, i) => rec(i + 1, { text })),
      // 01:00 UTC on 26 March 2023: London's clocks go from 01:00 GMT to 02:00 BST.
      rec(99, { at: Date.parse("2023-03-26T00:59:59Z"), cost: null, text: null }),
      rec(100, { at: Date.parse("2023-03-26T01:00:00Z"), cost: "12.5" }),
    ];
    const ws = await sheetOf(
      await bytesOf(
        xlsxReadableStream(sheetColumnsOf(columns(), TZ), [records.slice(0, 3), records.slice(3)], {
          sheetName: "Messages",
        }),
      ),
    );
    expect(ws.name).toBe("Messages");
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "id",
      "recipient",
      "body",
      "cost",
      "parts",
      "created (Europe/London)",
    ]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:F${records.length + 1}`);
    expect(ws.getColumn(3).width).toBeGreaterThan(ws.getColumn(5).width ?? 0);

    const first = ws.getRow(2);
    expect(first.getCell(1).value).toBe("000123");
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(2).value).toBe("0415704927");
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(4).value).toBe(0.0425);
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(5).value).toBe(1);
    // 00:30 UTC = 00:30 GMT, shown as such.
    expect(first.getCell(6).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(6).value).toEqual(new Date("2023-03-26T00:30:00Z"));
    expect(first.getCell(6).numFmt).toBe("yyyy-mm-dd hh:mm:ss");

    hostile.forEach((text, i) => {
      const cell = ws.getRow(3 + i).getCell(3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text); // the value itself: no apostrophe, no formula
      expect(cell.formula).toBeUndefined();
    });

    const beforeChange = ws.getRow(2 + 1 + hostile.length);
    expect(beforeChange.getCell(3).value).toBeNull();
    expect(beforeChange.getCell(4).value).toBeNull();
    expect(beforeChange.getCell(6).value).toEqual(new Date("2023-03-26T00:59:59Z"));
    const afterChange = ws.getRow(3 + 1 + hostile.length);
    // One second later it is 02:00 in London (BST, UTC+1).
    expect(afterChange.getCell(6).value).toEqual(new Date("2023-03-26T02:00:00Z"));
    expect(afterChange.getCell(4).value).toBe(12.5);
  });

  it("an empty export is a header and a filter over it", async () => {
    const ws = await sheetOf(
      await bytesOf(xlsxReadableStream(sheetColumnsOf(columns(), TZ), [], { sheetName: "S" })),
    );
    expect(ws.rowCount).toBe(1);
    expect(ws.autoFilter).toBe("A1:F1");
  });

  it("errors instead of ending when the source fails mid-file, and lets the source close", async () => {
    let closed = false;
    async function* failing() {
      try {
        yield Array.from({ length: 2000 }, (_, i) => rec(i));
        throw new Error("upstream broke");
      } finally {
        closed = true;
      }
    }
    const stream = xlsxReadableStream(sheetColumnsOf(columns(), TZ), failing(), {
      sheetName: "S",
    });
    await expect(bytesOf(stream)).rejects.toThrow("upstream broke");
    expect(closed).toBe(true);
  });

  it("fails the file when the records pass the row limit", async () => {
    const stream = xlsxReadableStream(sheetColumnsOf(columns(), TZ), [[rec(1), rec(2)], [rec(3)]], {
      sheetName: "S",
      maxRows: 2,
    });
    await expect(bytesOf(stream)).rejects.toBeInstanceOf(SheetRowLimitError);
  });

  it("a cancelled download stops reading its source", async () => {
    let pulled = 0;
    let returned = false;
    async function* endless() {
      try {
        for (;;) {
          pulled += 1;
          yield Array.from({ length: 500 }, (_, i) => rec(i, { text: "x".repeat(200) }));
        }
      } finally {
        returned = true;
      }
    }
    const reader = xlsxReadableStream(sheetColumnsOf(columns(), TZ), endless(), {
      sheetName: "S",
    }).getReader();
    while (pulled < 2) expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expect(returned).toBe(true);
    const at = pulled;
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBe(at);
  });
});
