import { FIRST_DAY } from "@/lib/time/schemas";

/**
 * The opt-out list is read from here to the END of the range, not only over the range: a
 * number that opted out years ago must still not be messaged today. A date-only API value
 * is 00:00 UTC; It starts where the span of days any page accepts starts.
 */
export const OPT_OUT_HISTORY_START = FIRST_DAY;
