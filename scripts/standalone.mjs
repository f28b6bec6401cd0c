// `npm run start:standalone`: runs the standalone server of the last `npm run build`
// (node <dist>/standalone/server.js) with the browser assets and public/ copied beside it.
// Usage: node scripts/standalone.mjs [--hostname <address>] [--port <port>]
// Environment: the dashboard's own (README "Configuration"); PORT (default 3000); HOSTNAME,
// the address to listen on (default 0.0.0.0); NEXT_DIST_DIR, the build folder (default .next).
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { prepareStandalone, standaloneEnv } from "./lib/standalone.mjs";

const { values } = parseArgs({
  options: { hostname: { type: "string", short: "H" }, port: { type: "string", short: "p" } },
});

let root;
try {
  root = prepareStandalone();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const env = standaloneEnv(process.env, { hostname: values.hostname });
if (values.port) env.PORT = values.port;

const server = spawn(process.execPath, [path.join(root, "server.js")], {
  env,
  stdio: "inherit",
});
// Passed on, so the dashboard stops its embedded PostgreSQL before this script ends.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
