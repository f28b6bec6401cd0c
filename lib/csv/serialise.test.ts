import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { HOSTILE_CELLS } from "./hostile-cells";
import { csvHeader, csvNeedsQuotes, csvRow, csvRows, UTF8_BOM } from "./serialise";

describe("csvRow", () => {
  it("joins plain fields with commas and ends with CRLF", () => {
    expect(csvRow(["a", "b", "c"])).toBe("a,b,c\r\n");
  });

  it.each([
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["a,b", '"a,b"'],
    ["line1\nline2", '"line1\nline2"'],
    ["line1\rline2", '"line1\rline2"'],
    ["line1\r\nline2", '"line1\r\nline2"'],
    ["\r\n", '"\r\n"'],
    [" padded ", '" padded "'],
    ["tab\tinside", "tab\tinside"],
    ["👍🏽 ok 🇬🇧", "👍🏽 ok 🇬🇧"],
    ["مرحبا بالعالم", "مرحبا بالعالم"],
    ["שלום, עולם", '"שלום, עולם"'],
    ["\u202Eevil\u202C", "\u202Eevil\u202C"],
  ])("quotes %j as RFC 4180 requires", (value, field) => {
    expect(csvRow(["x", value, "y"])).toBe(`x,${field},y\r\n`);
  });

  it("writes null as an empty cell and keeps numbers as JavaScript prints them", () => {
    expect(csvRow([null, "a", null])).toBe(",a,\r\n");
    expect(csvRow([0, -2.5, 1234567, 0.0425])).toBe("0,-2.5,1234567,0.0425\r\n");
    expect(csvRow([Number.NaN, Infinity, "z"])).toBe(",,z\r\n");
  });

  it("quotes a lone empty field so the row is not an empty line", () => {
    expect(csvRow([null])).toBe('""\r\n');
    expect(csvRow([""])).toBe('""\r\n');
    expect(parse(csvRow([""]) + csvRow(["b"]))).toEqual([[""], ["b"]]);
  });

  it("refuses a row without fields", () => {
    expect(() => csvRow([])).toThrow(RangeError);
  });
});

describe("csvRows / csvHeader / BOM", () => {
  it("writes several rows, each ending in CRLF", () => {
    expect(
      csvRows([
        ["a", 1],
        ["b", null],
      ]),
    ).toBe("a,1\r\nb,\r\n");
    expect(csvRows([])).toBe("");
  });

  it("builds headers from names or column definitions", () => {
    expect(csvHeader(["Sent at", "To", "Text"])).toBe("Sent at,To,Text\r\n");
    expect(csvHeader([{ header: "Cost, AUD" }, { header: "Id" }])).toBe('"Cost, AUD",Id\r\n');
  });

  it("exposes the UTF-8 BOM", () => {
    expect(UTF8_BOM).toBe("\uFEFF");
    expect([...new TextEncoder().encode(UTF8_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("round-trips hostile text through a strict RFC 4180 parser", () => {
    const rows = [
      ['"quoted"', "a,b", "multi\nline", "cr\ronly", "crlf\r\nend"],
      ["", " lead", "trail ", "🙂", "עברית"],
    ];
    expect(parse(csvRows(rows), { relax_quotes: false, record_delimiter: "\r\n" })).toEqual(rows);
  });
});

describe("csvNeedsQuotes", () => {
  it("is true exactly when csvRows quotes the cell", () => {
    const disagree = HOSTILE_CELLS.filter(
      (value) => csvNeedsQuotes(value) === (csvRow([value, "b"]) === `${value},b\r\n`),
    );
    expect(disagree).toEqual([]);
    expect(HOSTILE_CELLS.filter(csvNeedsQuotes).length).toBeGreaterThan(10);
  });
});
