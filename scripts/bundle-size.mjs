// Prints the first-load JavaScript of every page of the last `next build`, gzip-compressed
// as a browser receives it. Next 16 prints no sizes; its build writes each route's first-load
// chunks to <distDir>/diagnostics/route-bundle-stats.json, and this script gzips them.
// Figures only, no assertion: the budget (≤ 180 KiB per page) is read off the output. "lazy"
// is the script a page loads afterwards through next/dynamic (e.g. the Messages view).
// Usage: node scripts/bundle-size.mjs [--json] [--budget=180]   (npm run bundle-size)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const budgetArg = process.argv.find((a) => a.startsWith("--budget="));
const budgetKiB = Number(budgetArg?.slice("--budget=".length) ?? 180);
const statsFile = path.join(distDir, "diagnostics", "route-bundle-stats.json");

let stats;
try {
  stats = JSON.parse(readFileSync(statsFile, "utf8"));
} catch (e) {
  console.error(`Cannot read ${statsFile} (run \`next build\` first): ${e.message}`);
  process.exit(1);
}

const gzipped = new Map();
/** Chunk paths in the stats file are relative to the project ("<distDir>/static/…"). */
function gzipSize(chunk) {
  if (!gzipped.has(chunk)) gzipped.set(chunk, gzipSync(readFileSync(chunk)).length);
  return gzipped.get(chunk);
}

/**
 * Script the page loads lazily (next/dynamic), not counted in its first load: the chunks of
 * its react-loadable manifest that are not already first-load chunks.
 */
function lazyGzip(route, firstLoad) {
  const page = route === "/" ? "page" : `${route.slice(1)}/page`;
  const manifest = path.join(distDir, "server", "app", page, "react-loadable-manifest.json");
  if (!existsSync(manifest)) return 0;
  const files = new Set();
  for (const entry of Object.values(JSON.parse(readFileSync(manifest, "utf8")))) {
    for (const f of entry.files ?? []) {
      const chunk = path.join(distDir, f);
      if (f.endsWith(".js") && !firstLoad.has(chunk)) files.add(chunk);
    }
  }
  return [...files].reduce((sum, c) => sum + gzipSize(c), 0);
}

const rows = stats
  .map((r) => ({
    route: r.route,
    chunks: r.firstLoadChunkPaths.length,
    raw: r.firstLoadUncompressedJsBytes,
    gzip: r.firstLoadChunkPaths.reduce((sum, c) => sum + gzipSize(c), 0),
    lazyGzip: lazyGzip(r.route, new Set(r.firstLoadChunkPaths.map((c) => path.normalize(c)))),
  }))
  .sort((a, b) => b.gzip - a.gzip || a.route.localeCompare(b.route));

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kib = (n) => (n / 1024).toFixed(1);
  const lines = [["route", "chunks", "raw KiB", "gzip KiB", `≤ ${budgetKiB}`, "lazy gzip KiB"]];
  for (const r of rows) {
    lines.push([
      r.route,
      String(r.chunks),
      kib(r.raw),
      kib(r.gzip),
      r.gzip <= budgetKiB * 1024 ? "yes" : "OVER",
      kib(r.lazyGzip),
    ]);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const l of lines)
    console.log(
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "),
    );
}
