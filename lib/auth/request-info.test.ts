import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { installPeerAddressStamp, PEER_ADDRESS_HEADER, peerStampInstalled } from "./peer-address";
import { clientIp, MAX_NEXT_LENGTH, safeNextPath } from "./request-info";

const ORIGIN = "https://dashboard.example.com";
/** Where the browser resolves the Location of the login page's redirect against. */
const LOGIN_URL = `${ORIGIN}/login?next=x`;
const HOME = "/messages";

/** What a browser does with the redirect: resolve the Location against the login URL. */
function landing(next: unknown): URL {
  return new URL(safeNextPath(next, ORIGIN) ?? HOME, LOGIN_URL);
}

// [attacker's `next`, what safeNextPath returns (null: refused, so the home page)]
const hostile: [string, string | null][] = [
  ["/.//evil.example", null],
  ["/..//x", null],
  ["/./\\evil", null],
  ["/a/../..//evil.example", null],
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/%2f%2fevil.example/x", "/%2f%2fevil.example/x"],
  ["/%5C%5Cevil", "/%5C%5Cevil"],
  ["/%09/evil", "/%09/evil"],
  ["/\t/evil", null],
  ["/\n/evil.example", null],
  ["/\r\n/evil.example", null],
  ["/x\u0000/evil", null],
  ["https://evil", null],
  ["http:evil.example", null],
  ["//evil", null],
  ["///evil.example", null],
  ["/\\evil", null],
  ["\\/evil", null],
  ["\\\\evil.example", null],
  ["javascript:alert(1)", null],
  ["data:text/html,<script>alert(1)</script>", null],
  ["/login", null],
  ["/login?next=//evil.example", null],
  ["/./login", null],
  ["/api/export/messages", null],
  ["/api", null],
  ["/API/../api/admin/audit", null],
  ["/\u2215\u2215evil.example", "/%E2%88%95%E2%88%95evil.example"],
  ["/\uff0f\uff0fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example"],
  ["\uff0f\uff0fevil.example", null],
  ["/@evil.example", "/@evil.example"],
  ["/messages?x=//evil.example", "/messages?x=//evil.example"],
  [`/${"a".repeat(MAX_NEXT_LENGTH)}`, null],
  [`/.//${"evil.".repeat(500)}example`, null],
  ["evil.example", null],
  ["", null],
];

describe("redirect after sign-in (safeNextPath)", () => {
  it("has a table of at least 25 attacker strings", () => {
    expect(hostile.length).toBeGreaterThanOrEqual(25);
  });

  it.each(hostile)("%j → %j, and the browser stays on the origin", (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
    const url = landing(next);
    expect(url.origin).toBe(ORIGIN);
    expect(url.pathname).not.toMatch(/^\/(login|api)(\/|$)/);
  });

  it.each([
    ["/messages?from=2024-01-01", "/messages?from=2024-01-01"],
    ["/spend#x", "/spend#x"],
    ["/admin/audit?action=auth.login", "/admin/audit?action=auth.login"],
    ["/optouts/../spend", "/spend"],
    [undefined, null],
    [42, null],
    [["/spend"], null],
  ])("keeps real destinations: %j → %j", (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
  });

  it("never returns a Location that leaves the origin, for any mix of tricky pieces", () => {
    const piece = fc.constantFrom(
      "/",
      "\\",
      ".",
      "..",
      "%2F",
      "%5C",
      "%2E",
      "%09",
      "\t",
      "\n",
      "evil.example",
      ":",
      "@",
      "?",
      "#",
      "\u2215",
      "\uff0f",
      "javascript:",
      "http:",
      "login",
      "api",
      "%00",
      " ",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const next = parts.join("");
        const out = safeNextPath(next, ORIGIN);
        if (out !== null) {
          expect(out.startsWith("/")).toBe(true);
          expect(out.startsWith("//") || out.startsWith("/\\")).toBe(false);
        }
        expect(landing(next).origin).toBe(ORIGIN);
      }),
      { numRuns: 3000 },
    );
  });
});

const PEER_FLAG = Symbol.for("mobivate-dashboard.peer-address-stamp");
const headers = (h: Record<string, string>) => new Headers(h);

describe("client address (clientIp)", () => {
  afterEach(() => {
    installPeerAddressStamp();
  });

  it.each([
    // [trust proxy, headers, address used]
    [false, { "x-forwarded-for": "203.0.113.9", [PEER_ADDRESS_HEADER]: "127.0.0.1" }, "127.0.0.1"],
    [false, { "x-forwarded-for": "10.0.0.1, 198.51.100.2", [PEER_ADDRESS_HEADER]: "::1" }, "::1"],
    [false, { "x-real-ip": "203.0.113.5", [PEER_ADDRESS_HEADER]: "192.0.2.4" }, "192.0.2.4"],
    [false, { "x-forwarded-for": "203.0.113.9" }, "unknown"],
    [
      true,
      { "x-forwarded-for": "10.0.0.1, 198.51.100.2", [PEER_ADDRESS_HEADER]: "::1" },
      "198.51.100.2",
    ],
    [true, { "x-forwarded-for": "198.51.100.7 " }, "198.51.100.7"],
    [true, { "x-real-ip": "203.0.113.5" }, "203.0.113.5"],
    [true, {}, "unknown"],
  ] as const)("trust %s, %j → %s", (trust, h, expected) => {
    installPeerAddressStamp();
    expect(clientIp(headers(h), trust)).toBe(expected);
  });

  it("without the server hook, a client-sent peer header is not believed", () => {
    installPeerAddressStamp();
    const flags = globalThis as unknown as Record<symbol, unknown>;
    delete flags[PEER_FLAG];
    expect(peerStampInstalled()).toBe(false);
    expect(clientIp(headers({ [PEER_ADDRESS_HEADER]: "192.0.2.66" }), false)).toBe("unknown");
  });

  it("rotating X-Forwarded-For does not change the address unless the proxy is trusted", () => {
    installPeerAddressStamp();
    const rotated = Array.from({ length: 20 }, (_, i) =>
      headers({ "x-forwarded-for": `203.0.113.${i}`, [PEER_ADDRESS_HEADER]: "192.0.2.1" }),
    );
    expect(new Set(rotated.map((h) => clientIp(h, false)))).toEqual(new Set(["192.0.2.1"]));
    expect(new Set(rotated.map((h) => clientIp(h, true))).size).toBe(20);
  });

  it("the hook stamps the socket's address over a forged header on a real HTTP server", async () => {
    installPeerAddressStamp();
    const seen: (string | string[] | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers[PEER_ADDRESS_HEADER]);
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            headers: { [PEER_ADDRESS_HEADER]: "198.51.100.99", "x-forwarded-for": "198.51.100.99" },
          },
          (res) => res.resume().on("end", resolve),
        );
        req.on("error", reject);
        req.end();
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1"]);
  });
});
