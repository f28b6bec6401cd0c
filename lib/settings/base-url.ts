// Where the server may send the API key: the one rule for the Mobivate base URL, used by the
// Settings form (browser and server action), MOBIVATE_API_BASE_URL (lib/env.ts) and the
// configuration resolved at call time (lib/settings/mobivate-config.ts). Pure, no I/O.
//
// Why: the server calls this URL with the API key ("Test key", every read), so an address
// an admin (or a stolen admin session) chooses must not reach the machine's own metadata
// service or other link-local hosts (server-side request forgery). https is required, which
// also defeats DNS names that resolve to such addresses (the metadata services speak plain
// http); plain http is allowed only to this machine (the local sandbox).

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const EXAMPLE = "such as https://api.mobivatebulksms.com";
const METADATA_NAMES = new Set(["metadata.google.internal", "metadata", "instance-data"]);

/** IPv4 dotted quad (as WHATWG URL serialises every IPv4 form) → four numbers, else null. */
function ipv4(host: string): [number, number, number, number] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const n = parts.map(Number);
  return n.every((x) => x <= 255) ? (n as [number, number, number, number]) : null;
}

/** "[a:b::c]" (as WHATWG URL serialises IPv6: hex groups, no dotted tail) → 8 groups. */
function ipv6(host: string): number[] | null {
  if (!host.startsWith("[") || !host.endsWith("]")) return null;
  const body = host.slice(1, -1);
  const [head = "", tail] = body.split("::");
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const a = parse(head);
  const b = tail === undefined ? [] : parse(tail);
  const fill = 8 - a.length - b.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  const groups = [...a, ...Array<number>(fill).fill(0), ...b];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Drops trailing `ch` characters (a loop: a regex like /\.+$/ scans quadratically). */
function trimEnd(s: string, ch: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ch) end--;
  return s.slice(0, end);
}

type HostKind = "loopback" | "link-local" | "metadata" | "unspecified" | "other";

function classifyV4([a, b]: [number, number, number, number]): HostKind {
  if (a === 127) return "loopback";
  if (a === 169 && b === 254) return "link-local"; // includes 169.254.169.254 (metadata)
  if (a === 0) return "unspecified";
  return "other";
}

function classifyHost(hostname: string): HostKind {
  // A trailing dot names the same host ("localhost." = "localhost").
  const host = trimEnd(hostname.toLowerCase(), ".");
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (METADATA_NAMES.has(host)) return "metadata";
  const v4 = ipv4(host);
  if (v4) return classifyV4(v4);
  const v6 = ipv6(host);
  if (!v6) return "other";
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = v6;
  if (v6.every((g) => g === 0)) return "unspecified";
  if (v6.slice(0, 7).every((g) => g === 0) && g7 === 1) return "loopback";
  if ((g0 & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if (g0 === 0xfd00 && g1 === 0x0ec2 && v6.slice(2, 7).every((g) => g === 0) && g7 === 0x254)
    return "metadata"; // fd00:ec2::254 (AWS IPv6 metadata)
  // An IPv4 address inside IPv6: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::.
  const embedsV4 =
    (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) ||
    (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0);
  if (embedsV4) return classifyV4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  return "other";
}

/**
 * Checks a base URL and returns it normalised (scheme and host lower-case, numeric IPv4
 * forms written out, no trailing "/"), or the reason it is refused, in words.
 */
export function checkBaseUrl(input: string): BaseUrlCheck {
  const raw = input.trim();
  if (raw === "") return { ok: false, reason: "Enter the API base URL." };
  if (raw.length > 500) return { ok: false, reason: "The base URL is too long (at most 500)." };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `The base URL must be an absolute https:// URL ${EXAMPLE}.` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: `The base URL must start with https:// (${EXAMPLE}).` };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason:
        "The base URL must not contain a user name or password: the API key is sent separately.",
    };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: "The base URL must not have a query (?…) or a fragment (#…)." };
  }
  const kind = classifyHost(url.hostname);
  if (kind === "link-local" || kind === "metadata") {
    return {
      ok: false,
      reason:
        "The base URL points at a link-local or cloud metadata address: the dashboard never sends the API key there.",
    };
  }
  if (kind === "unspecified") {
    return { ok: false, reason: "The base URL's host is not a usable address (0.0.0.0 or ::)." };
  }
  if (url.protocol === "http:" && kind !== "loopback") {
    return {
      ok: false,
      reason:
        "The base URL must use https://: plain http:// is allowed only for this machine (localhost, 127.0.0.1, ::1), e.g. the local sandbox.",
    };
  }
  const host = trimEnd(url.hostname, ".") + (url.port ? `:${url.port}` : "");
  return { ok: true, url: `${url.protocol}//${host}${trimEnd(url.pathname, "/")}` };
}
