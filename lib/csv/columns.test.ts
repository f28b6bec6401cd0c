import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { columnsOf, createCsvEncoder, toCsvCells, type CsvColumn } from "./columns";
import { needsFormulaNeutralising } from "./formula";
import { UTF8_BOM } from "./serialise";

interface Message {
  id: string;
  to: string;
  text: string | null;
  cost: string | number | null;
  parts: number;
}

const columns: CsvColumn<Message>[] = [
  { header: "Id", kind: "raw", get: (m) => m.id },
  { header: "To", kind: "phone", get: (m) => m.to },
  { header: "Text", kind: "text", get: (m) => m.text },
  { header: "Cost", kind: "number", get: (m) => m.cost },
  { header: "Parts", kind: "number", get: (m) => m.parts },
];

const hostileTexts = [
  'He said "hello"',
  '""',
  "a,b,c",
  "line1\nline2",
  "line1\rline2",
  "line1\r\nline2",
  "=1+1",
  '=HYPERLINK("http://evil.example","Click me")',
  "+1+1",
  "-2+3",
  "@SUM(A1:A9)",
  "\tTabbed",
  "\rReturn first",
  "+447700900123",
  "Call +447700900123 now",
  "0044123",
  "🎉🎉 Party! 👨‍👩‍👧‍👦",
  "مرحبا، كيف حالك؟",
  "שלום, מה שלומך?",
  'mixed عربى and English, "quoted"',
  "  spaced  ",
  "",
  null,
];

const messages: Message[] = hostileTexts.map((text, i) => ({
  id: `msg-${i}`,
  to: i % 2 ? "+447700900123" : "0044123",
  text,
  cost: i % 3 === 0 ? "0.0425" : i % 3 === 1 ? "-12.50" : null,
  parts: i - 3,
}));

function readBack(csv: string): string[][] {
  return parse(csv, { bom: true, relax_quotes: false, relax_column_count: false });
}

describe("columnsOf", () => {
  it("writes a part of each row with the part's columns, kinds kept", () => {
    const outer = columnsOf(columns, (r: { message: Message }) => r.message);
    const message: Message = { id: "1", to: "=x", text: "=1+1", cost: "0.1", parts: 2 };
    expect(outer.map((c) => [c.header, c.kind])).toEqual(columns.map((c) => [c.header, c.kind]));
    expect(toCsvCells({ message }, outer)).toEqual(toCsvCells(message, columns));
  });
});

describe("toCsvCells", () => {
  it("neutralises text columns only", () => {
    const row: Message = { id: "=id", to: "+447700900123", text: "=1+1", cost: "-1", parts: -3 };
    expect(toCsvCells(row, columns)).toEqual(["=id", "+447700900123", "'=1+1", "-1", "-3"]);
  });

  it("keeps phone numbers and exact decimal strings untouched", () => {
    const row: Message = {
      id: "1",
      to: "0044123",
      text: "+447700900123",
      cost: "0.0425",
      parts: 1,
    };
    expect(toCsvCells(row, columns)).toEqual(["1", "0044123", "+447700900123", "0.0425", "1"]);
    const negative: Message = { id: "2", to: "+61400000000", text: null, cost: "-0.10", parts: 0 };
    expect(toCsvCells(negative, columns)).toEqual(["2", "+61400000000", "", "-0.10", "0"]);
  });

  it("treats a phone column that holds no number as text", () => {
    const row: Message = { id: "3", to: '=HYPERLINK("x")', text: null, cost: null, parts: 1 };
    expect(toCsvCells(row, columns)[1]).toBe(`'=HYPERLINK("x")`);
    expect(toCsvCells({ ...row, to: "0044 7700 900123" }, columns)[1]).toBe("0044 7700 900123");
  });
});

describe("createCsvEncoder", () => {
  it("starts with a BOM and the header line", () => {
    const encoder = createCsvEncoder(columns);
    expect(encoder.header()).toBe(`${UTF8_BOM}Id,To,Text,Cost,Parts\r\n`);
    expect(createCsvEncoder(columns, { bom: false }).header()).toBe("Id,To,Text,Cost,Parts\r\n");
  });

  it("writes exact bytes for a hostile row", () => {
    const encoder = createCsvEncoder(columns, { bom: false });
    const row: Message = {
      id: "m1",
      to: "+447700900123",
      text: '=HYPERLINK("x")\r\nbye, "friend"',
      cost: "0.0425",
      parts: -2,
    };
    expect(encoder.rows([row])).toBe(
      'm1,+447700900123,"\'=HYPERLINK(""x"")\r\nbye, ""friend""",0.0425,-2\r\n',
    );
  });

  it("returns an empty string for an empty batch", () => {
    expect(createCsvEncoder(columns).rows([])).toBe("");
  });

  it("refuses a file without columns", () => {
    expect(() => createCsvEncoder([])).toThrow(RangeError);
  });

  it("round-trips hostile values field for field", () => {
    const encoder = createCsvEncoder(columns);
    // Encode in two batches, as a streaming route would.
    const csv =
      encoder.header() + encoder.rows(messages.slice(0, 10)) + encoder.rows(messages.slice(10));
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);

    const [header, ...rows] = readBack(csv);
    expect(header).toEqual(["Id", "To", "Text", "Cost", "Parts"]);
    expect(rows).toHaveLength(messages.length);

    rows.forEach((row, i) => {
      const m = messages[i]!;
      const expectedText = m.text ?? "";
      const [id, to, text, cost, parts] = row;
      expect(id).toBe(m.id);
      expect(to).toBe(m.to);
      // Exactly the neutralised cells carry the apostrophe; removing it restores the text.
      if (needsFormulaNeutralising(expectedText)) {
        expect(text).toBe(`'${expectedText}`);
        expect(text!.slice(1)).toBe(expectedText);
      } else {
        expect(text).toBe(expectedText);
      }
      expect(cost).toBe(m.cost ?? "");
      expect(parts).toBe(String(m.parts));
    });
  });

  it("neutralises exactly the dangerous texts in the sample", () => {
    const neutralised = hostileTexts.filter((t) => t !== null && needsFormulaNeutralising(t));
    expect(neutralised).toEqual([
      "=1+1",
      '=HYPERLINK("http://evil.example","Click me")',
      "+1+1",
      "-2+3",
      "@SUM(A1:A9)",
      "\tTabbed",
      "\rReturn first",
    ]);
  });
});
