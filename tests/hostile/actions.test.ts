import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as usersActions from "@/lib/users/actions";
import * as messagesActions from "@/lib/messages/actions";
import * as optoutsActions from "@/lib/optouts/actions";
import * as settingsActions from "@/lib/settings/actions";
import * as authActions from "@/lib/auth/actions";
import * as mirrorActions from "@/lib/mirror/actions";
import { checkAction, openWorld, type World } from "./action-harness";
import {
  DAYS_AGO,
  fcOptions,
  hostileFor,
  RUN_KNOWN_FAILING,
  RUNS,
  TODAY,
  wrongType,
} from "./arbitraries";
import { ACTIONS, isKnownFailing, type ActionEntry, type ParamKind } from "./inventory";

// Every field of every server action, called directly with hostile values (issue 8, Tests):
// the action resolves, a refusal is a 4xx with a human message, and a change is audited
// when made and leaves no trace when refused. The audit store is real (embedded database);
// the API is the sandbox. Cases in KNOWN_FAILING are skipped (HOSTILE_ALL=1 runs them).

const h = vi.hoisted(() => ({
  user: null as null | { id: string; email: string; name: string; role: "admin" },
  ip: 0,
}));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  getCurrentUser: async () => h.user,
  requireUser: async () => h.user,
  requirePermission: async () => h.user,
  actionGuard: async () => null,
  sessionToken: async () => null,
}));
vi.mock("next/headers", () => ({
  // A fresh address per call, so the per-address sign-in throttle does not end the run.
  headers: async () =>
    new Headers({ "user-agent": "hostile-suite", "x-forwarded-for": `198.51.100.${h.ip++ % 250}` }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type AnyAction = (...args: unknown[]) => Promise<unknown>;
const FUNCTIONS = {
  ...messagesActions,
  ...optoutsActions,
  ...settingsActions,
  ...usersActions,
  ...authActions,
  ...mirrorActions,
} as unknown as Record<string, AnyAction>;

/** Each run costs a scrypt hash (≈ 0.1 s): fewer runs keep the suite fast. */
const HASHES_PASSWORDS = new Set(["loginAction", "createUserAction", "resetPasswordAction"]);

let world: World;
beforeAll(async () => {
  world = await openWorld();
  h.user = world.admin;
}, 120_000);
afterAll(async () => {
  await world?.close();
}, 60_000);

let unique = 0;
/** A valid value for a field, so that only the field under test is hostile. */
function validValue(entry: ActionEntry, field: string, kind: ParamKind): unknown {
  switch (kind) {
    case "day":
      return field === "from" ? DAYS_AGO(2) : TODAY;
    case "zone":
      return "UTC";
    case "direction":
      return "MT";
    case "page":
      return 1;
    case "pageSize":
      return 10;
    case "phone":
      return entry.name === "searchOptOutsAction" ? "44" : undefined;
    case "mobile":
      return `+4477009${String(10_000 + (unique++ % 90_000))}`;
    case "baseUrl":
      return world.sandbox.url;
    case "apiKey":
      return world.sandbox.apiKey;
    case "email":
      return entry.form ? world.login.email : `user${unique++}@example.com`;
    case "password":
      return entry.form ? world.login.password : "a long enough password";
    case "role":
      return "manager";
    case "userId":
      return world.target.id;
    case "boolean":
      return unique++ % 2 === 0;
    case "next":
      return "/messages";
    case "text":
      return field === "name" ? "Ann Example" : undefined;
    default:
      return undefined;
  }
}

function validInput(entry: ActionEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(entry.fields) as [string, ParamKind][]) {
    const v = validValue(entry, field, kind);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/** A hostile value for one field: text of its kind, a wrong type, or nothing at all. */
function hostileField(entry: ActionEntry, kind: ParamKind): fc.Arbitrary<unknown> {
  const text = hostileFor(kind);
  if (entry.form) return fc.oneof(text, fc.constant(undefined));
  if (kind === "status") {
    return fc.oneof(fc.array(text, { maxLength: 45 }), text, wrongType);
  }
  return fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: wrongType });
}

interface Case {
  input: unknown;
  /** Fields holding hostile values. */
  hostile: readonly string[];
}

/** The whole argument hostile: not an object, every field hostile, or polluted keys. */
function hostileWhole(entry: ActionEntry): fc.Arbitrary<Case> {
  const fields = Object.entries(entry.fields) as [string, ParamKind][];
  const names = fields.map(([f]) => f);
  const allHostile = fc
    .record(Object.fromEntries(fields.map(([f, k]) => [f, hostileField(entry, k)])))
    .map((input): Case => ({ input, hostile: names }));
  const polluted = fc.constant(null).map((): Case => ({
    input: {
      ...validInput(entry),
      ...(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{}}}') as object),
    },
    hostile: [],
  }));
  const notAnObject = wrongType.map((input): Case => ({ input, hostile: names }));
  if (entry.form) return fields.length ? allHostile : fc.constant({ input: {}, hostile: [] });
  return fc.oneof(notAnObject, polluted, ...(fields.length ? [allHostile] : []));
}

/** One field hostile, the others valid. */
function hostileOne(entry: ActionEntry, field: string, kind: ParamKind): fc.Arbitrary<Case> {
  return hostileField(entry, kind).map((v) => ({
    input: { ...validInput(entry), [field]: v },
    hostile: [field],
  }));
}

async function assertProperty(entry: ActionEntry, arb: fc.Arbitrary<Case>) {
  const fn = FUNCTIONS[entry.name];
  if (!fn) throw new Error(`${entry.name} is not imported by this test`);
  await fc.assert(
    fc.asyncProperty(arb, async ({ input, hostile }) => {
      const problems = await checkAction(world, entry, fn, input, hostile);
      if (problems.length) throw new Error(problems.join("\n"));
    }),
    fcOptions(HASHES_PASSWORDS.has(entry.name) ? Math.ceil(RUNS / 4) : RUNS),
  );
}

const caseFor = (id: string) => (!RUN_KNOWN_FAILING && isKnownFailing(id) ? it.skip : it);

describe("server actions under hostile input", { timeout: 60_000 }, () => {
  it("imports every inventoried action", () => {
    expect(ACTIONS.map((a) => a.name).filter((n) => !FUNCTIONS[n])).toEqual([]);
  });

  for (const entry of ACTIONS) {
    describe(entry.name, () => {
      for (const [field, kind] of Object.entries(entry.fields) as [string, ParamKind][]) {
        const id = `action:${entry.name}:${field}`;
        caseFor(id)(`${field} (${kind}) [${id}]`, () =>
          assertProperty(entry, hostileOne(entry, field, kind)),
        );
      }
      const id = `action:${entry.name}:*`;
      caseFor(id)(`the whole argument [${id}]`, () => assertProperty(entry, hostileWhole(entry)));
    });
  }
});
