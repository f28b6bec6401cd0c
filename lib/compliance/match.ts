import type { Message, OptOut } from "@/lib/mobivate/types";
import { phoneKey } from "@/lib/phone/number";

// Pure matching of outgoing messages against the opt-out list: which MT message went to a
// number that had opted out before the message was created. No I/O, so the report, the CSV
// download and the tests share exactly one rule.

/** What a report row keeps of the opt-out that was in force. */
export interface OptOutRef {
  id: number | null;
  mobile: string;
  note: string | null;
  /** Epoch ms. */
  created: number;
}

export interface SentAfterOptOut {
  message: Message;
  optOut: OptOutRef;
}

// Numbers are compared by lib/phone's key (the same digits with or without "+"; a national
// "07700…" is not the international "447700…").

/**
 * The opt-out list by number, each number's opt-outs ascending by creation. The API lists
 * one opt-out per number today, but a number can come back (removed, then added again) and
 * a list read while it changes can hold both: the lookup handles any count.
 */
export class OptOutIndex {
  private readonly byNumber = new Map<string, OptOutRef[]>();
  private sorted = true;
  private records = 0;

  add(optOuts: Iterable<OptOut>): void {
    for (const o of optOuts) {
      const key = phoneKey(o.mobile);
      if (!key) continue;
      const list = this.byNumber.get(key);
      const ref: OptOutRef = { id: o.id, mobile: o.mobile, note: o.note, created: o.created };
      if (list) {
        const last = list[list.length - 1];
        if (last && compareOptOuts(last, ref) > 0) this.sorted = false;
        list.push(ref);
      } else {
        this.byNumber.set(key, [ref]);
      }
      this.records += 1;
    }
  }

  /** Opt-outs indexed (every record, including several for one number). */
  get size(): number {
    return this.records;
  }

  /** Distinct numbers on the list. */
  get numbers(): number {
    return this.byNumber.size;
  }

  /**
   * The opt-out in force just before `instantMs` for `number`: the latest one created
   * strictly before it. One created at the same instant does not count: the API's times
   * are whole seconds, so the order within that second cannot be told, and "before" is
   * what the report claims.
   */
  inForceBefore(number: string, instantMs: number): OptOutRef | undefined {
    const list = this.byNumber.get(phoneKey(number));
    if (!list) return undefined;
    if (!this.sorted) this.sortAll();
    // Binary search for the last index with created < instantMs.
    let lo = 0;
    let hi = list.length; // list[0..lo) are before; list[hi..) are not
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.created ?? Infinity) < instantMs) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? list[lo - 1] : undefined;
  }

  private sortAll(): void {
    for (const list of this.byNumber.values()) list.sort(compareOptOuts);
    this.sorted = true;
  }
}

/** Ascending by creation; ties by id (a missing id last), so "latest" is deterministic. */
function compareOptOuts(a: OptOutRef, b: OptOutRef): number {
  return a.created - b.created || (a.id ?? Infinity) - (b.id ?? Infinity);
}

export function isOutgoing(m: Pick<Message, "direction">): boolean {
  return m.direction === "MT";
}

/** The outgoing messages of `messages` sent to a number that was opted out at the time. */
export function matchSentAfterOptOut(
  messages: Iterable<Message>,
  index: OptOutIndex,
): SentAfterOptOut[] {
  const out: SentAfterOptOut[] = [];
  for (const message of messages) {
    if (!isOutgoing(message)) continue;
    const optOut = index.inForceBefore(message.recipient, message.created);
    if (optOut) out.push({ message, optOut });
  }
  return out;
}

export function optOutIndexOf(optOuts: Iterable<OptOut>): OptOutIndex {
  const index = new OptOutIndex();
  index.add(optOuts);
  return index;
}
