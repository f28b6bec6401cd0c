/** What every finished report (Spend, Delivery, Compliance) is given by its page. */
export interface ReportProps<Result> {
  result: Result;
  /** The range in words, e.g. "1–7 March 2026". */
  rangeText: string;
  onReadAgain: () => void;
  /** Reads the same range from Mobivate instead of the local copy. */
  onReadLive: () => void;
  /** A new read is running: the report is kept, dimmed, and "Read again" waits. */
  busy: boolean;
}
