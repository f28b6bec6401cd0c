// Public surface of the sandbox (a local stand-in for the Mobivate Bulk SMS API).
export {
  startSandbox,
  DEFAULT_SANDBOX_API_KEY,
  type SandboxHandle,
  type SandboxOptions,
} from "./server";
export type { RuntimeOptions } from "./runtime-options";
export type { FailNextRule } from "./faults";
export type { SandboxControl, SandboxInfo } from "./control-routes";
export type { SandboxStats, RequestLogEntry, RequestFilter, PageWindow } from "./stats";
export type { ClockControl, ClockMode, ClockSetting, ClockState } from "./clock";
export type { PendingOptouts, TimeControl } from "./time-handle";
export { MAX_CHANGE_DELAY_MS, CARRIER_REPORTED_STATUSES, type Lifecycle } from "./lifecycle";
export {
  createDataset,
  type Dataset,
  type DatasetOptions,
  type Direction,
  type MessageRange,
} from "./dataset";
export { OptoutStore, normalizeMobile, type OptoutRange } from "./optouts";
export { parseApiDate, parseJodaDate, formatApiTimestamp, type DateParseResult } from "./dates";
export {
  ALL_STATUSES,
  DOCUMENTED_STATUSES,
  EXPORT_ONLY_STATUSES,
  MESSAGE_FIELDS,
  OPTOUT_NOTES,
  type ApiMessage,
  type ApiOptout,
} from "./catalog";
export { smsParts } from "./sms-parts";
