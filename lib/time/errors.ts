export type TimeErrorCode =
  | "INVALID_DAY"
  | "INVALID_TIME_ZONE"
  | "INVERTED_RANGE"
  | "RANGE_TOO_LONG"
  | "INVALID_TIMESTAMP"
  | "INVALID_INSTANT"
  | "UNREPRESENTABLE_OFFSET"
  | "INVALID_ARGUMENT";

/**
 * Every failure in lib/time throws this, so callers can tell a bad user input (a day, a
 * zone, a range) from a programming error and turn it into a 400 with a readable message.
 */
export class TimeError extends Error {
  readonly code: TimeErrorCode;

  constructor(code: TimeErrorCode, message: string) {
    super(message);
    this.name = "TimeError";
    this.code = code;
  }
}
