// Lets the benchmark (plain Node via tsx) load server modules: `server-only` throws unless
// resolved under the react-server condition, which only Next's bundler sets. This hook maps
// it to an empty module, as vitest.config.mts does for the tests. Import it before them.
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
