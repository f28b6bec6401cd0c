// Every page, route handler and server action of the app, with the inputs each reads, for
// the hostile-input suite (tests/hostile/actions.test.ts, e2e/hostile.spec.ts). A page,
// route or action added without an entry here fails tests/hostile/inventory.test.ts, so
// new inputs are fuzzed too. Pure data: no app imports (Playwright loads it as well).

/** What a parameter means, which decides its valid value and its hostile variants. */
export type ParamKind =
  | "day" // YYYY-MM-DD
  | "zone" // IANA time zone
  | "direction" // MO | MT
  | "page" // 1-based page number
  | "pageSize" // one of a fixed list
  | "auditPageSize"
  | "phone" // a number search (digits, +, spaces)
  | "mobile" // a mobile number to add or remove
  | "status" // repeated upper-case status codes
  | "text" // free text (search, campaign, route, actor, names)
  | "sort" // column:asc|desc
  | "flag" // refresh=1, bom=0|1, live=1, signedOut=1
  | "format" // a download's file format: csv | xlsx
  | "auditAction" // an audit action name
  | "next" // a same-origin path after sign-in
  | "email"
  | "password"
  | "role"
  | "userId"
  | "boolean"
  | "baseUrl"
  | "apiKey";

export interface PageEntry {
  /** The route as in app/ (dynamic segments in brackets). */
  route: string;
  /** A concrete path to request. */
  path: string;
  /** Search parameters the page (server or client side) reads. */
  params: Record<string, ParamKind>;
  /** Report pages whose client code parses the URL: also opened in a real browser. */
  browser?: boolean;
}

export interface RouteEntry {
  route: string;
  params: Record<string, ParamKind>;
  /** json: one JSON answer; csv: a download (JSON error before the first byte); ndjson: a stream. */
  body: "json" | "csv" | "ndjson";
}

export interface ActionEntry {
  /** Source file (a "use server" module) and export. */
  file: string;
  name: string;
  /** Fields of the single object argument ({} = takes no input; extra args are ignored). */
  fields: Record<string, ParamKind>;
  /** The audit action written when it changes something (mutating actions only). */
  audits?: string;
  /** Called as (state, FormData) by useActionState rather than with an object. */
  form?: boolean;
}

const range = { from: "day", to: "day", tz: "zone" } as const;
/** Every download route: a range, the BOM switch, a live read, CSV or Excel. */
const download = { ...range, bom: "flag", live: "flag", format: "format" } as const;
const messageSearch = {
  number: "phone",
  status: "status",
  q: "text",
  campaign: "text",
  route: "text",
} as const;
const auditFilters = {
  action: "auditAction",
  actor: "text",
  from: "day",
  to: "day",
  tz: "zone",
  page: "page",
  pageSize: "auditPageSize",
} as const;

export const PAGES: readonly PageEntry[] = [
  { route: "/", path: "/", params: {} },
  { route: "/login", path: "/login", params: { next: "next", signedOut: "flag" } },
  { route: "/logout", path: "/logout", params: {} },
  {
    route: "/messages",
    path: "/messages",
    params: {
      ...range,
      direction: "direction",
      page: "page",
      pageSize: "pageSize",
      sort: "sort",
      ...messageSearch,
    },
    browser: true,
  },
  { route: "/messages/[id]", path: "/messages/00000000000000000000000000000000", params: range },
  {
    route: "/optouts",
    path: "/optouts",
    params: { ...range, page: "page", pageSize: "pageSize", number: "phone", sort: "sort" },
    browser: true,
  },
  { route: "/spend", path: "/spend", params: { ...range, direction: "direction" }, browser: true },
  {
    route: "/delivery",
    path: "/delivery",
    params: { ...range, direction: "direction" },
    browser: true,
  },
  { route: "/compliance", path: "/compliance", params: range, browser: true },
  { route: "/settings", path: "/settings", params: {} },
  { route: "/admin", path: "/admin", params: {} },
  { route: "/admin/users", path: "/admin/users", params: {} },
  { route: "/admin/audit", path: "/admin/audit", params: auditFilters, browser: true },
  { route: "/admin/sync", path: "/admin/sync", params: {} },
];

export const ROUTES: readonly RouteEntry[] = [
  { route: "/api/health", params: {}, body: "json" },
  { route: "/api/metrics", params: {}, body: "json" },
  { route: "/api/ready", params: {}, body: "json" },
  { route: "/api/sync/status", params: {}, body: "json" },
  { route: "/api/admin/audit", params: auditFilters, body: "csv" },
  {
    route: "/api/spend",
    params: { ...range, direction: "direction", refresh: "flag" },
    body: "ndjson",
  },
  {
    route: "/api/delivery",
    params: { ...range, direction: "direction", refresh: "flag" },
    body: "ndjson",
  },
  {
    route: "/api/export/messages",
    params: { ...download, direction: "direction", ...messageSearch },
    body: "csv",
  },
  { route: "/api/export/optouts", params: download, body: "csv" },
  { route: "/api/export/sent-after-optout", params: download, body: "csv" },
  {
    route: "/api/export/sent-after-optout/report",
    params: { ...range, refresh: "flag" },
    body: "ndjson",
  },
];

export const ACTIONS: readonly ActionEntry[] = [
  {
    file: "lib/messages/actions.ts",
    name: "listMessagesAction",
    fields: {
      ...range,
      direction: "direction",
      page: "page",
      pageSize: "pageSize",
      ...messageSearch,
    },
  },
  {
    file: "lib/optouts/actions.ts",
    name: "listOptOutsAction",
    fields: { ...range, page: "page", pageSize: "pageSize", number: "phone" },
  },
  {
    file: "lib/optouts/actions.ts",
    name: "searchOptOutsAction",
    fields: { ...range, number: "phone" },
  },
  {
    file: "lib/optouts/actions.ts",
    name: "addOptOutAction",
    fields: { mobile: "mobile" },
    audits: "optout.add",
  },
  {
    file: "lib/optouts/actions.ts",
    name: "removeOptOutAction",
    fields: { mobile: "mobile" },
    audits: "optout.remove",
  },
  {
    file: "lib/settings/actions.ts",
    name: "testKeyAction",
    fields: { baseUrl: "baseUrl", apiKey: "apiKey" },
    audits: "settings.key_test",
  },
  {
    file: "lib/settings/actions.ts",
    name: "saveKeyAction",
    fields: { baseUrl: "baseUrl", apiKey: "apiKey" },
    audits: "settings.key_change",
  },
  {
    file: "lib/mirror/actions.ts",
    name: "syncNowAction",
    fields: {},
    audits: "sync.now",
  },
  {
    file: "lib/mirror/actions.ts",
    name: "wipeMirrorAction",
    fields: { confirm: "text" },
    audits: "sync.wipe",
  },
  {
    file: "lib/settings/actions.ts",
    name: "clearKeyAction",
    fields: {},
    audits: "settings.key_clear",
  },
  {
    file: "lib/users/actions.ts",
    name: "createUserAction",
    fields: { email: "email", name: "text", role: "role", password: "password" },
    audits: "user.create",
  },
  {
    file: "lib/users/actions.ts",
    name: "changeRoleAction",
    fields: { userId: "userId", role: "role" },
    audits: "user.role_change",
  },
  {
    file: "lib/users/actions.ts",
    name: "resetPasswordAction",
    fields: { userId: "userId", password: "password" },
    audits: "user.password_reset",
  },
  {
    file: "lib/users/actions.ts",
    name: "setDisabledAction",
    fields: { userId: "userId", disabled: "boolean" },
    // user.disable or user.enable, depending on the value
    audits: "user.disable|user.enable",
  },
  {
    file: "lib/users/actions.ts",
    name: "unlockUserAction",
    fields: { userId: "userId" },
    audits: "user.unlock",
  },
  {
    file: "lib/auth/actions.ts",
    name: "loginAction",
    // `next` first: its valid sign-ins run before hostile passwords count as failures.
    fields: { next: "next", email: "email", password: "password" },
    form: true,
  },
  { file: "lib/auth/actions.ts", name: "logoutAction", fields: {} },
];

/**
 * Cases that fail today and are skipped (it.skip / test.fixme) until the fixes of issue 8
 * land; the coordinator empties this list then. Ids: `action:<name>:<field|*>`,
 * `route:<route>:<param|*|redos|size>`, `page:<route>:<param|*|redos|size>`, `browser:<route>:<case>`.
 */
// Cases that fail today and are skipped until fixed (HOSTILE_ALL=1 runs them anyway). Empty:
// every hostile case found by this suite has been fixed; add one here only with an issue.
export const KNOWN_FAILING: readonly string[] = [];

export const isKnownFailing = (id: string): boolean => KNOWN_FAILING.includes(id);
