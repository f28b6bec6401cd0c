import fc from "fast-check";
import type { ParamKind } from "./inventory";

// Hostile values for the suite: what an attacker or a careless link produces. Shared by the
// server-action tests (Vitest) and the HTTP/browser tests (Playwright), so no app imports.

/** Fixed seed (override with HOSTILE_SEED) so a CI failure replays; fast-check prints it. */
export const SEED = Number(process.env.HOSTILE_SEED ?? 20261130);
/** Runs per property (override with HOSTILE_RUNS). */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 20);
/** HOSTILE_ALL=1 also runs the cases listed in KNOWN_FAILING (to check fixes). */
export const RUN_KNOWN_FAILING = process.env.HOSTILE_ALL === "1";

export const fcOptions = (runs = RUNS) => ({
  seed: SEED,
  numRuns: runs,
  // Report the first failing value without shrinking: every run may call the API or hash a
  // password, and the listed hostile values are already small (HOSTILE_SHRINK=1 shrinks).
  endOnFailure: process.env.HOSTILE_SHRINK !== "1",
});

/** 100 kB: far beyond what a person types. */
export const HUGE = 100_000;
/** The ReDoS probe of issue 8 §1: a long digit run that a backtracking pattern chokes on. */
export const DIGIT_BOMB = `${"1".repeat(128_000)}!`;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const TODAY = isoDay(new Date());
export const DAYS_AGO = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));

/** Strings that broke, or could break, one of the layers (parsing, SQL, rendering, zones). */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31mred\u001b[0m",
  "\r\nSet-Cookie: x=1",
  "\t",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u200b",
  "\ufeff",
  "\ud800", // a lone surrogate: not encodable as UTF-8
  "\u202eevil\u202c",
  "שלום עולם",
  "مرحبا",
  "𝕳𝖊𝖑𝖑𝖔 🏳️‍🌈 👨‍👩‍👧‍👦",
  "😀".repeat(40),
  "Ｚ１２３",
  "٠١٢٣٤٥٦٧٨٩",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "%_\\",
  "%00",
  "%",
  "{}",
  "[]",
  '{"a":1}',
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "-1",
  "0",
  "1.5",
  "1e309",
  "0x10",
  "9007199254740993",
  "__proto__",
  "constructor",
  "toString",
  "../../etc/passwd",
  "=cmd|' /C calc'!A0",
  "x".repeat(1_000),
  "1".repeat(15_000),
];

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Any text, hostile on purpose: listed cases, full Unicode (astral, RTL), control characters. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: controlChar, minLength: 1, maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), controlChar, fc.string({ maxLength: 8 }))
      .map(([a, c, b]) => `${a}${c}${b}`),
  },
);

/** Days out of range or not real: 0001-01-01, 9999-12-31, 2026-02-30, 20260101… */
export const hostileDay: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "0001-01-01",
      "0000-01-01",
      "9999-12-31",
      "1899-12-31",
      "1900-01-01",
      "1969-12-31",
      "1999-12-31",
      "2026-02-30",
      "2026-02-29",
      "2024-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-01-32",
      "2026-1-1",
      "2026/01/01",
      "20260101",
      " 2026-01-01",
      "2026-01-01T00:00:00Z",
      "２０２６-０１-０１",
      "+275760-09-13",
      "-000001-01-01",
      "2038-01-19",
      "2100-01-01",
      "10000-01-01",
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  },
  { weight: 1, arbitrary: hostileText },
);

/** Zones that do not exist, or that exist with odd offsets. */
export const hostileZone: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "Not/AZone",
      "Mars/Olympus",
      "utc",
      "UTC ",
      "Z",
      "+05:00",
      "GMT+5",
      "Etc/GMT+12",
      "Etc/GMT-14",
      "Etc/GMT+15",
      "Pacific/Kiritimati",
      "Pacific/Chatham",
      "Asia/Kathmandu",
      "America/St_Johns",
      "Antarctica/Troll",
      "Europe/Kyiv",
      "Europe/Kiev",
      "EST5EDT",
      "Factory",
      "local",
      "Europe/London\u0000",
      "../../etc/localtime",
      "America/Argentina/ComodRivadavia",
    ),
  },
  { weight: 1, arbitrary: hostileText },
);

const numberish = fc.oneof(
  fc.constantFrom("-1", "0", "1.5", "1e3", "1e309", "NaN", "Infinity", "0x10", " 1", "１", "01"),
  fc.integer({ min: -10, max: 2_000_000_000 }).map(String),
  fc.constant("9".repeat(400)),
);

/** A hostile value (a string) for one kind of parameter. */
export function hostileFor(kind: ParamKind): fc.Arbitrary<string> {
  switch (kind) {
    case "day":
      return hostileDay;
    case "zone":
      return hostileZone;
    case "page":
    case "pageSize":
    case "auditPageSize":
      return fc.oneof(numberish, hostileText);
    case "phone":
    case "mobile":
      return fc.oneof(
        fc.constantFrom(
          "0412345678",
          "+",
          "++61",
          "+61 4 1234 5678",
          "1".repeat(40),
          "+1".repeat(20),
          "(((((((((((((",
          "1-2-3-4-5-6-7-8-9",
          "Brand",
          "٠٤١٢٣٤٥٦٧٨",
          "4477\u00000",
        ),
        fc.stringMatching(/^\+?[0-9 ()-]{0,40}$/),
        hostileText,
      );
    case "status":
      return fc.oneof(
        fc.constantFrom(
          "delivered",
          "DELIVERED,FAILED",
          ",,,",
          "A",
          "A".repeat(41),
          "DELIVERED\u0000",
        ),
        hostileText,
      );
    case "sort":
      return fc.oneof(
        fc.constantFrom("body.asc", "x.sideways", "__proto__.asc", ".desc"),
        hostileText,
      );
    case "flag":
      return fc.oneof(fc.constantFrom("0", "1", "2", "true", "yes", "-1"), hostileText);
    case "direction":
      return fc.oneof(fc.constantFrom("mo", "mt", "MO,MT", "BOTH", "MT\u0000"), hostileText);
    case "format":
      return fc.oneof(
        fc.constantFrom("XLSX", "xls", "csv,xlsx", "xlsx\u0000", "__proto__", "json"),
        hostileText,
      );
    case "auditAction":
      return fc.oneof(
        fc.constantFrom("auth.login ", "AUTH.LOGIN", "toString", "__proto__", "auth.*"),
        hostileText,
      );
    case "next":
      return fc.oneof(
        fc.constantFrom(
          "//evil.example",
          "/.//evil.example",
          "/..//evil.example",
          "/\\evil.example",
          "/%2F%2Fevil.example",
          "/%5Cevil.example",
          "https://evil.example/",
          "javascript:alert(1)",
          "/\t/evil.example",
          "/login?next=//evil.example",
          "/api/health",
        ),
        hostileText,
      );
    case "email":
      return fc.oneof(
        fc.constantFrom(
          "a@b",
          "admin@demo.local\u0000",
          "ADMIN@DEMO.LOCAL",
          `${"a".repeat(310)}@x.io`,
          "\u202eadmin@demo.local",
          "user@xn--80ak6aa92e.com",
          "user@пример.рф",
          '"a b"@example.com',
        ),
        fc.emailAddress(),
        hostileText,
      );
    case "password":
      return fc.oneof(
        fc.constantFrom("short", "x".repeat(257), "pass\u0000word-123456", "😀".repeat(12)),
        fc.string({ unit: "binary", minLength: 12, maxLength: 40 }),
        hostileText,
      );
    case "role":
      return fc.oneof(fc.constantFrom("ADMIN", "superuser", "admin ", "__proto__"), hostileText);
    case "userId":
      return fc.oneof(
        fc.constantFrom("00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "1"),
        fc.uuid(),
        hostileText,
      );
    case "baseUrl":
      return fc.constantFrom(
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://169.254.169.254.nip.io/",
        "http://metadata.google.internal/",
        "http://10.0.0.1/",
        "http://example.com/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "gopher://127.0.0.1:6379/_INFO",
        "https://user:pass@example.com/",
        "http://[::ffff:169.254.169.254]/",
        "http://0251.0376.0251.0376/",
        "https://api.mobivatebulksms.com\u0000.evil",
        "",
        "not a url",
        `https://${"a".repeat(600)}.com`,
      );
    case "apiKey":
      return fc.oneof(
        fc.constantFrom("key\u0000key-123456", "k".repeat(501), "short", "with space key"),
        hostileText,
      );
    case "boolean":
      return fc.constantFrom("true", "false", "1", "");
    case "text":
      return hostileText;
  }
}

/** Values of the wrong type for a server action field (the browser can send any of them). */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, NaN, Infinity, -1, 1.5, 2 ** 53 + 2),
  fc.constant(10n),
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Date("0001-01-01T00:00:00Z")),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant({ toString: "x", valueOf: 1 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.constant(new Map([["a", 1]])),
);

/** Percent-encodings URLSearchParams would never write: raw `%`, overlong UTF-8, surrogates. */
export const RAW_QUERY_VALUES: readonly string[] = [
  "%",
  "%zz",
  "%00",
  "%C0%80",
  "%ED%A0%80",
  "%FF%FE",
  "%E2%80%AE",
  "a%0D%0Ab",
  "%2F%2Fevil.example",
];

/** One to three values for a parameter: a repeated parameter is a hostile input too. */
export const repeated = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 3, arbitrary: arb.map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(arb, { minLength: 2, maxLength: 3 }) },
  );
