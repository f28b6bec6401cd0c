import { describe, expect, it } from "vitest";
import { messageFixture } from "@/lib/mobivate/message-fixture";
import type { Message, OptOut } from "@/lib/mobivate/types";
import { matchSentAfterOptOut, OptOutIndex, optOutIndexOf } from "./match";

const T0 = Date.UTC(2026, 1, 10, 12, 0, 0);
const MIN = 60_000;

let seq = 0;
function mt(recipient: string, created: number, extra: Partial<Message> = {}): Message {
  seq += 1;
  return messageFixture({
    id: `ID${String(seq).padStart(30, "0")}`,
    created,
    modified: created + 1000,
    recipient,
    ...extra,
  });
}

function optOut(mobile: string, created: number, note = "API", id: number | null = 1): OptOut {
  return { id, mobile, note, created };
}

describe("matchSentAfterOptOut", () => {
  it("matches the same digits with or without a leading +, either side", () => {
    const index = optOutIndexOf([optOut("447700900123", T0), optOut("+61400000001", T0)]);
    const rows = matchSentAfterOptOut(
      [mt("+447700900123", T0 + MIN), mt("61400000001", T0 + MIN), mt("447700900124", T0 + MIN)],
      index,
    );
    expect(rows.map((r) => r.message.recipient)).toEqual(["+447700900123", "61400000001"]);
  });

  it("does not match a national-format number to its international form", () => {
    const index = optOutIndexOf([optOut("447700900123", T0)]);
    expect(matchSentAfterOptOut([mt("07700900123", T0 + MIN)], index)).toEqual([]);
  });

  it("ignores an opt-out created after the message", () => {
    const index = optOutIndexOf([optOut("447700900123", T0 + MIN)]);
    expect(matchSentAfterOptOut([mt("447700900123", T0)], index)).toEqual([]);
  });

  it("does not count an opt-out created at exactly the same instant", () => {
    const index = optOutIndexOf([optOut("447700900123", T0)]);
    expect(matchSentAfterOptOut([mt("447700900123", T0)], index)).toEqual([]);
    // One millisecond (the API has seconds, but the rule is exact) later it does.
    expect(matchSentAfterOptOut([mt("447700900123", T0 + 1)], index)).toHaveLength(1);
  });

  it("uses the latest opt-out created before the message when a number has several", () => {
    // Opted out, removed, opted out again: each message gets the one in force before it.
    const index = optOutIndexOf([
      optOut("447700900123", T0 + 60 * MIN, "File Upload", 3),
      optOut("447700900123", T0, "MO", 1),
      optOut("+447700900123", T0 + 30 * MIN, "API", 2),
    ]);
    const rows = matchSentAfterOptOut(
      [
        mt("447700900123", T0 - MIN),
        mt("447700900123", T0 + 10 * MIN),
        mt("447700900123", T0 + 30 * MIN), // equal to the second: still the first
        mt("447700900123", T0 + 45 * MIN),
        mt("447700900123", T0 + 90 * MIN),
      ],
      index,
    );
    expect(rows.map((r) => [r.message.created - T0, r.optOut.note])).toEqual([
      [10 * MIN, "MO"],
      [30 * MIN, "MO"],
      [45 * MIN, "API"],
      [90 * MIN, "File Upload"],
    ]);
  });

  it("picks the later id when two opt-outs of a number share an instant", () => {
    const index = optOutIndexOf([
      optOut("447700900123", T0, "second", 9),
      optOut("447700900123", T0, "first", 4),
    ]);
    const [row] = matchSentAfterOptOut([mt("447700900123", T0 + MIN)], index);
    expect(row?.optOut.note).toBe("second");
  });

  it("keeps working when opt-outs arrive in several batches, out of order", () => {
    const index = new OptOutIndex();
    index.add([optOut("447700900123", T0 + 60 * MIN, "late", 2)]);
    expect(index.inForceBefore("447700900123", T0 + 30 * MIN)).toBeUndefined();
    index.add([optOut("447700900123", T0, "early", 1)]);
    expect(index.inForceBefore("447700900123", T0 + 30 * MIN)?.note).toBe("early");
    expect(index.inForceBefore("+447700900123", T0 + 61 * MIN)?.note).toBe("late");
    expect(index.size).toBe(2);
    expect(index.numbers).toBe(1);
  });

  it("checks outgoing messages only", () => {
    const index = optOutIndexOf([optOut("447700900123", T0)]);
    const mo = mt("447700900123", T0 + MIN, { direction: "MO" });
    expect(matchSentAfterOptOut([mo], index)).toEqual([]);
  });

  it("keeps the opt-out's fields beside the message", () => {
    const index = optOutIndexOf([optOut("+447700900123", T0, "Opted out via qwt5.me", 77)]);
    const m = mt("447700900123", T0 + MIN);
    expect(matchSentAfterOptOut([m], index)).toEqual([
      {
        message: m,
        optOut: { id: 77, mobile: "+447700900123", note: "Opted out via qwt5.me", created: T0 },
      },
    ]);
  });
});

describe("formatGap", () => {
  it("says how long after the opt-out, in the two largest units", async () => {
    const { formatGap } = await import("./format");
    expect(formatGap(45_000)).toBe("45 s");
    expect(formatGap(12 * MIN + 59_000)).toBe("12 min");
    expect(formatGap(3 * 60 * MIN + 5 * MIN)).toBe("3 h 5 min");
    expect(formatGap(2 * 60 * MIN)).toBe("2 h");
    expect(formatGap((2 * 24 + 4) * 60 * MIN + 7 * MIN)).toBe("2 d 4 h");
    expect(formatGap(24 * 60 * MIN)).toBe("1 d");
  });
});
