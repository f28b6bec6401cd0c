// The API endpoints proper, as functions from (dataset, request data) to a response. No I/O
// here: the server does auth, latency, faults and writing.
import type { Dataset } from "./dataset";
import { errorResponse, parseJsonBody, type ApiResponse } from "./http-util";
import { normalizeMobile } from "./optouts";
import { parseListQuery } from "./query-params";

export interface ApiRequest {
  method: string;
  pathname: string;
  params: URLSearchParams;
  /** Raw body text ("" when none). */
  body: string;
  /** The clock's instant: records created after it are invisible (+Infinity when fixed). */
  nowMs: number;
  /** The time a write (opt-out add/remove) is stamped with. */
  stampMs: number;
}

type Handler = (dataset: Dataset, req: ApiRequest, match: string | undefined) => ApiResponse;

export interface Route {
  /** Template used for stats, e.g. "/message/{id}". */
  template: string;
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const INVALID_MOBILE = "Invalid mobile number";
const NOT_OPTED_OUT = "Mobile number is not opted out";

function listMessages(dataset: Dataset, req: ApiRequest): ApiResponse {
  const parsed = parseListQuery(req.params, true);
  if (!parsed.ok) return errorResponse(400, parsed.message);
  const { startMs, endMs, direction, offset, pageSize } = parsed.query;
  const range = dataset.messagesInRange(startMs, endMs, direction, req.nowMs);
  return { status: 200, body: range.slice(offset, pageSize) };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray '%' just makes an id that matches nothing
  }
}

function getMessage(dataset: Dataset, req: ApiRequest, id: string | undefined): ApiResponse {
  const message = id === undefined ? undefined : dataset.getMessage(safeDecode(id), req.nowMs);
  return message ? { status: 200, body: message } : errorResponse(404, "Not Found");
}

function listOptouts(dataset: Dataset, req: ApiRequest): ApiResponse {
  const parsed = parseListQuery(req.params, false);
  if (!parsed.ok) return errorResponse(400, parsed.message);
  const { startMs, endMs, offset, pageSize } = parsed.query;
  const range = dataset.optouts.inRange(startMs, endMs, req.nowMs);
  return { status: 200, body: range.slice(offset, pageSize) };
}

/** Mobile from a JSON body {"mobile": "..."}; DELETE may also pass ?mobile=. */
function mobileFrom(req: ApiRequest, allowQuery: boolean): ApiResponse | string {
  const body = parseJsonBody(req.body);
  if (!body.ok) return errorResponse(400, "Malformed JSON body");
  let raw: unknown;
  if (body.empty) {
    raw = allowQuery ? req.params.get("mobile") : null;
    if (raw === null) return errorResponse(400, "Required request body is missing");
  } else if (typeof body.value === "object" && body.value !== null && !Array.isArray(body.value)) {
    raw = (body.value as Record<string, unknown>).mobile;
  }
  return normalizeMobile(raw) ?? errorResponse(400, INVALID_MOBILE);
}

function addOptout(dataset: Dataset, req: ApiRequest): ApiResponse {
  const mobile = mobileFrom(req, false);
  if (typeof mobile !== "string") return mobile;
  const { record } = dataset.optouts.add(mobile, "API", req.stampMs, req.nowMs);
  // The documented response has no id.
  return {
    status: 200,
    body: { mobile: record.mobile, note: record.note, created: record.created },
  };
}

function removeOptout(dataset: Dataset, req: ApiRequest): ApiResponse {
  const mobile = mobileFrom(req, true);
  if (typeof mobile !== "string") return mobile;
  const removed = dataset.optouts.remove(mobile, req.stampMs, req.nowMs);
  if (!removed) return errorResponse(404, NOT_OPTED_OUT);
  return {
    status: 200,
    body: { mobile: removed.mobile, note: removed.note, created: removed.created },
  };
}

function authTest(): ApiResponse {
  return { status: 200, body: { message: "API Key is valid" } };
}

export const ROUTES: readonly Route[] = [
  { template: "/auth/test", pattern: /^\/auth\/test\/?$/, methods: { GET: authTest } },
  { template: "/message", pattern: /^\/message\/?$/, methods: { GET: listMessages } },
  { template: "/message/{id}", pattern: /^\/message\/([^/]+)\/?$/, methods: { GET: getMessage } },
  {
    template: "/addressbook/optout",
    pattern: /^\/addressbook\/optout\/?$/,
    methods: { GET: listOptouts, POST: addOptout, DELETE: removeOptout },
  },
  // The provider's examples call DELETE /optout; the heading says /addressbook/optout.
  { template: "/optout", pattern: /^\/optout\/?$/, methods: { DELETE: removeOptout } },
];

export interface RouteMatch {
  route: Route | undefined;
  param: string | undefined;
}

export function matchRoute(pathname: string): RouteMatch {
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (match) return { route, param: match[1] };
  }
  return { route: undefined, param: undefined };
}

/** Runs the matched handler: 404 for an unknown path, 405 for a known path's wrong method. */
export function dispatch(dataset: Dataset, req: ApiRequest, match: RouteMatch): ApiResponse {
  if (!match.route) return errorResponse(404, "Not Found");
  const handler = match.route.methods[req.method];
  if (!handler) {
    return errorResponse(405, "Method Not Allowed", {
      Allow: Object.keys(match.route.methods).join(", "),
    });
  }
  return handler(dataset, req, match.param);
}
