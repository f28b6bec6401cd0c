import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "./formula";

describe("neutraliseFormula", () => {
  it.each([
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "+",
    "+44 7700 900123",
    "+44-7700",
    "-2+3",
    "-5",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
  ])("prefixes %j with an apostrophe", (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it.each([
    "+447700900123",
    "+61412345678",
    "0044123",
    "hello = world",
    "a+b",
    " =1+1",
    "'=1+1",
    "",
    "مرحبا",
    "😀=1",
    "\n=1",
  ])("leaves %j alone", (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});
