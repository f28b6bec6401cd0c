import { describe, expect, it } from "vitest";
import { createCsvEncoder, toCsvCells } from "@/lib/csv/columns";
import type { AuditRow } from "@/lib/db/schema";
import { auditCsvColumns } from "./columns";

// The audit CSV holds text people typed (an opt-out number, an email, a note): its free-text
// cells follow the one CSV cell rule (lib/csv), so a spreadsheet never runs them.

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 7,
  at: new Date("2026-03-01T10:00:00Z"),
  actorId: null,
  actorEmail: "ann@example.com",
  action: "optout.add",
  target: null,
  outcome: "success",
  details: {},
  ip: "127.0.0.1",
  dedupeKey: null,
  ...over,
});

const columns = auditCsvColumns("UTC");
const cell = (r: AuditRow, header: string) =>
  toCsvCells(r, columns)[columns.findIndex((c) => c.header === header)];

describe("the audit CSV's cells", () => {
  it.each([
    '=HYPERLINK("http://evil.example","Click me")',
    "+SUM(1,2)",
    "-2+3",
    "@x",
    "\t=1",
    "\uFF1D1+1",
  ])("neutralises a target of %j with a leading apostrophe", (target) => {
    expect(cell(row({ target }), "target")).toBe(`'${target}`);
  });

  it("keeps a target that is a phone number or plain text exactly", () => {
    expect(cell(row({ target: "+447700900123" }), "target")).toBe("+447700900123");
    expect(cell(row({ target: "user 12" }), "target")).toBe("user 12");
    expect(cell(row({ target: null }), "target")).toBe("");
  });

  it("neutralises the actor's email and the address too", () => {
    const hostile = row({ actorEmail: "=1+1@example.com", ip: "@evil" });
    expect(cell(hostile, "actor")).toBe("'=1+1@example.com");
    expect(cell(hostile, "ip")).toBe("'@evil");
  });

  it("writes the neutralised target inside a quoted CSV field when it needs quotes", () => {
    const encoder = createCsvEncoder(columns, { bom: false });
    const line = encoder.rows([row({ target: '=HYPERLINK("x")' })]);
    expect(line).toContain(`,"'=HYPERLINK(""x"")",`);
  });
});
