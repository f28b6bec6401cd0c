import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Decimal from "decimal.js";

// For tests only: an HTTP proxy in front of the sandbox that rewrites the costs of the message
// lists into what a real account can send and floats cannot hold: strings with up to 18
// decimals, amounts past 15 significant digits, tiny costs without a currency, a currency
// with stray spaces. The sandbox itself prices in 1/10,000 of a unit. Deterministic per id,
// so a message reads the same through every request (the syncer's and the live reader's).

const BIG = new Decimal("123456789012345.123456789");

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

type Raw = Record<string, unknown>;

/** The message as the account would have sent it, or as it was when the rule does not apply. */
export function exoticCosts(m: Raw): Raw {
  const h = hashOf(String(m.id));
  const cost = m.cost;
  if (typeof cost !== "number") return m;
  const currency = typeof m.currency === "string" ? m.currency : null;
  if (currency === null) {
    // An incoming message with a tiny cost and no currency (the no-currency row's sum).
    return h % 3 === 0 ? { ...m, cost: `0.${"0".repeat(16)}${(h % 9) + 1}` } : m;
  }
  const out: Raw = { ...m };
  if (h % 97 === 0) out.cost = BIG.plus(cost).toFixed();
  else if (h % 5 === 0)
    out.cost = new Decimal(cost).plus(new Decimal(h % 1e9).times("1e-18")).toFixed();
  else if (h % 5 === 1)
    out.cost = new Decimal(cost).plus(new Decimal(h % 1000).times("1e-9")).toFixed();
  if (h % 13 === 0) out.currency = ` ${currency} `;
  return out;
}

export interface ProxyHandle {
  url: string;
  close(): Promise<void>;
}

/** Forwards every request to `target`, rewriting the bodies of `GET /message` lists. */
export async function startExoticCostsProxy(target: string): Promise<ProxyHandle> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://proxy").pathname;
    const headers: Record<string, string> = {};
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    fetch(`${target}${req.url ?? "/"}`, { method: req.method, headers })
      .then(async (upstream) => {
        let body = await upstream.text();
        if (upstream.ok && req.method === "GET" && path.endsWith("/message")) {
          body = JSON.stringify((JSON.parse(body) as Raw[]).map(exoticCosts));
        }
        res.writeHead(upstream.status, {
          "content-type": upstream.headers.get("content-type") ?? "application/json",
        });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
