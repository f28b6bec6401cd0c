// Types of standalone.mjs for the TypeScript scripts (the benchmark starts the same server).
export function distDir(env?: NodeJS.ProcessEnv): string;
export function prepareStandalone(opts?: {
  dist?: string;
  target?: string;
  link?: boolean;
}): string;
export function standaloneEnv(
  env?: NodeJS.ProcessEnv,
  opts?: { cwd?: string; hostname?: string },
): NodeJS.ProcessEnv;
