import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import { errorBodySchema } from "@/lib/http/error-body";
import { sheetColumnsOf } from "@/lib/xlsx/columns";
import { EXCEL_MAX_DATA_ROWS } from "@/lib/xlsx/stream";
import { excelDownload } from "./xlsx-response";
import { runningExports } from "./limit";

// Excel's row limit, decided before the first byte when the rows can be counted (the local
// copy), with the CSV offered instead; the limit found while writing (a live read).

vi.mock("@/lib/db", () => ({ getDb: async () => ({ fake: "db" }) }));

const URL_XLSX =
  "http://dashboard.test/api/export/messages?from=2026-01-01&to=2026-12-31&tz=UTC&status=FAILED&format=xlsx";
const columns = sheetColumnsOf<{ id: string }>(
  [{ header: "id", kind: "text", get: (r) => r.id }],
  "UTC",
);
let opened = 0;
const spec = (rows: number, maxRows?: number) => ({
  filename: "messages_2026-01-01_2026-12-31_filtered.xlsx",
  sheetName: "Messages",
  columns,
  userId: "u1",
  maxRows,
  mirror: {
    count: async () => rows,
    open: async function* () {
      opened += 1;
      yield [{ id: "0001" }, { id: "0002" }];
    },
  },
  open: async function* () {
    throw new Error("not the live read");
  },
});

describe("excelDownload", () => {
  it("refuses a copy's range above Excel's limit before starting, offering the CSV", async () => {
    opened = 0;
    const res = await excelDownload(new Request(URL_XLSX), spec(EXCEL_MAX_DATA_ROWS + 1));
    expect(res.status).toBe(400);
    const { error } = errorBodySchema.parse(await res.json());
    expect(error.kind).toBe("bad-request");
    expect(error.message).toContain("1,048,576 rows");
    expect(error.message).toContain("1,048,575");
    expect(error.message).toContain("Download the CSV instead");
    // The same download without format=xlsx: the CSV, with the same filters.
    expect(error.message).toContain(
      "/api/export/messages?from=2026-01-01&to=2026-12-31&tz=UTC&status=FAILED,",
    );
    expect(opened).toBe(0);
    expect(runningExports()).toBe(0);
  });

  it("shows a person's browser the refusal as a page with a link to the CSV", async () => {
    const res = await excelDownload(
      new Request(URL_XLSX, { headers: { "sec-fetch-mode": "navigate" } }),
      spec(2_000_000),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<h1>Too many rows for Excel</h1>");
    expect(html).toContain(
      '<a href="/api/export/messages?from=2026-01-01&amp;to=2026-12-31&amp;tz=UTC&amp;status=FAILED">Download the CSV instead</a>',
    );
  });

  it("writes a range of exactly the limit", async () => {
    const res = await excelDownload(new Request(URL_XLSX), spec(2, 2));
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets[0]!.getColumn(1).values).toEqual([undefined, "id", "0001", "0002"]);
    expect(runningExports()).toBe(0);
  });

  it("fails the file, not refuses it, when only the writing finds too many rows", async () => {
    const live = { ...spec(0, 1), mirror: null, open: spec(0).mirror.open };
    const res = await excelDownload(new Request(URL_XLSX), live);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow(/more than 1 rows/);
    expect(runningExports()).toBe(0);
  });

  it("answers a failing count with an error, not a file", async () => {
    const failing = {
      ...spec(0),
      mirror: { ...spec(0).mirror, count: () => Promise.reject(new Error("db down")) },
    };
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await excelDownload(new Request(URL_XLSX), failing);
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(runningExports()).toBe(0);
  });
});
