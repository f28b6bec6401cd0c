import { describe, expect, it } from "vitest";
import {
  listedMobileActionSchema,
  mobileInputSchema,
  numberSearchSchema,
  optOutExportHref,
  optOutListSchema,
  optOutSearchSchema,
} from "./optouts";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message;

describe("mobileInputSchema", () => {
  it("accepts numbers as people type them and returns them compact (the server normalises)", () => {
    expect(mobileInputSchema.parse("+44 7700 900123")).toBe("+447700900123");
    expect(mobileInputSchema.parse(" 440011122233 ")).toBe("440011122233");
    expect(mobileInputSchema.parse("+61 (4) 1234-5678")).toBe("+61412345678");
    expect(mobileInputSchema.parse("0412 345 678")).toBe("0412345678"); // national: server decides
    expect(mobileInputSchema.parse("1234567")).toBe("1234567"); // 7 digits: the API decides
    expect(mobileInputSchema.parse("123456789012345")).toBe("123456789012345"); // 15
  });

  it("refuses empty, non-digit, misplaced-plus, too short and too long numbers", () => {
    expect(firstMessage(mobileInputSchema.safeParse(""))).toBe("Enter a mobile number");
    expect(firstMessage(mobileInputSchema.safeParse("   "))).toBe("Enter a mobile number");
    expect(firstMessage(mobileInputSchema.safeParse("abc"))).toMatch(/only contain digits/);
    expect(firstMessage(mobileInputSchema.safeParse("44+7700900123"))).toMatch(/only contain/);
    expect(firstMessage(mobileInputSchema.safeParse("++447700900123"))).toMatch(/only contain/);
    expect(firstMessage(mobileInputSchema.safeParse("123456"))).toMatch(/at least 7 digits/);
    expect(firstMessage(mobileInputSchema.safeParse("1234567890123456"))).toMatch(
      /at most 15 digits/,
    );
    expect(mobileInputSchema.safeParse(447700900123).success).toBe(false);
    expect(mobileInputSchema.safeParse(undefined).success).toBe(false);
    expect(firstMessage(mobileInputSchema.safeParse("+44\u00007700900123"))).toMatch(
      /control character/,
    );
    expect(firstMessage(mobileInputSchema.safeParse("1".repeat(100_000)))).toMatch(/too long/);
  });

  it("gives one message per problem (no pile-up after the format fails)", () => {
    expect(mobileInputSchema.safeParse("abc").error?.issues).toHaveLength(1);
  });
});

describe("listedMobileActionSchema", () => {
  it("passes the listed number through unchanged", () => {
    expect(listedMobileActionSchema.parse({ mobile: "4400111222" })).toEqual({
      mobile: "4400111222",
    });
    expect(listedMobileActionSchema.parse({ mobile: "+4400111222" }).mobile).toBe("+4400111222");
  });
  it("refuses anything but digits", () => {
    expect(listedMobileActionSchema.safeParse({ mobile: "44 00" }).success).toBe(false);
    expect(listedMobileActionSchema.safeParse({ mobile: "" }).success).toBe(false);
    expect(listedMobileActionSchema.safeParse({}).success).toBe(false);
    expect(
      listedMobileActionSchema.safeParse({ mobile: "4400\u0000111222" }).error?.issues[0]?.message,
    ).toMatch(/control character/);
  });
});

describe("numberSearchSchema", () => {
  it("accepts partial numbers with a plus, spaces and dashes, trimmed", () => {
    expect(numberSearchSchema.parse(" +44 77-00 ")).toBe("+44 77-00");
    expect(numberSearchSchema.parse("7")).toBe("7");
  });
  it("refuses letters, a lone plus and very long text", () => {
    expect(firstMessage(numberSearchSchema.safeParse("44abc"))).toMatch(/digits only/);
    expect(firstMessage(numberSearchSchema.safeParse("+"))).toMatch(/at least one digit/);
    expect(firstMessage(numberSearchSchema.safeParse("  "))).toMatch(/at least one digit/);
    expect(numberSearchSchema.safeParse("1".repeat(33)).success).toBe(false);
  });
});

describe("optOutListSchema", () => {
  const base = { from: "2026-03-01", to: "2026-03-07", tz: "Europe/London" };

  it("applies the Messages defaults", () => {
    expect(optOutListSchema.parse(base)).toEqual({ ...base, page: 1, pageSize: 100, scope: "all" });
  });
  it("coerces URL strings and keeps the search text", () => {
    expect(optOutListSchema.parse({ ...base, page: "3", pageSize: "25", number: "+4477" })).toEqual(
      { ...base, page: 3, pageSize: 25, number: "+4477", scope: "all" },
    );
  });
  it("keeps the range rules: real days, known zone, ordered days", () => {
    expect(optOutListSchema.safeParse({ ...base, from: "2026-02-30" }).success).toBe(false);
    expect(optOutListSchema.safeParse({ ...base, tz: "Mars/Olympus" }).success).toBe(false);
    const inverted = optOutListSchema.safeParse({ ...base, from: "2026-03-08" });
    expect(inverted.error?.issues[0]?.path).toEqual(["to"]);
  });
  it("refuses page sizes the page does not offer and bad searches", () => {
    expect(optOutListSchema.safeParse({ ...base, pageSize: "7" }).success).toBe(false);
    expect(optOutListSchema.safeParse({ ...base, page: "0" }).success).toBe(false);
    expect(optOutListSchema.safeParse({ ...base, number: "abc" }).success).toBe(false);
    expect(optOutListSchema.safeParse({ ...base, scope: "ever" }).error?.issues[0]?.message).toBe(
      'scope: use "all" (every opt-out ever) or "days" (the chosen days)',
    );
  });
});

describe("optOutSearchSchema", () => {
  it("needs a number", () => {
    const base = { from: "2026-03-01", to: "2026-03-07", tz: "UTC" };
    expect(optOutSearchSchema.safeParse(base).success).toBe(false);
    expect(optOutSearchSchema.parse({ ...base, number: "447" }).number).toBe("447");
  });
});

describe("optOutExportHref", () => {
  it("builds the export link from the range and zone, encoded", () => {
    expect(
      optOutExportHref({
        from: "2026-03-01",
        to: "2026-03-07",
        tz: "America/Argentina/Buenos_Aires",
      }),
    ).toBe(
      "/api/export/optouts?from=2026-03-01&to=2026-03-07&tz=America%2FArgentina%2FBuenos_Aires",
    );
  });
});
