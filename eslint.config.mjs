import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import regexpPlugin from "eslint-plugin-regexp";

const config = [
  ...nextVitals,
  ...nextTs,
  // Regular expressions run on text people (and attackers) send: a pattern that backtracks
  // super-linearly can block the server's only thread (issue 8, item 1). Both rules are
  // errors so no such pattern gets merged again.
  regexpPlugin.configs["flat/recommended"],
  {
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
    },
  },
  // A promise nobody awaits loses its rejection (an unhandled rejection, or a failure nobody
  // sees), and a promise where a void callback is expected (onClick={async …}) is the same
  // thing in disguise. Type-aware, so these rules read the TypeScript project.
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      // import.meta.dirname needs Node 20.11; package.json allows 20.9.
      parserOptions: {
        projectService: true,
        tsconfigRootDir: fileURLToPath(new URL(".", import.meta.url)),
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  // The layers (issue 9, item 5): app → components → lib, never back up; the sandbox stands
  // in for Mobivate only in tests, scripts and the demo; the provider module (lib/mobivate) is
  // given its configuration and knows nothing of storage, sessions or settings. Tests are
  // exempt: a test may drive an upper layer (a route handler, an action) and the sandbox.
  {
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib",
              from: ["./app", "./components"],
              message: "lib is the bottom layer: it never imports components or app.",
            },
            {
              target: "./components",
              from: "./app",
              message:
                "components never import app (server actions live in lib/<feature>/actions.ts).",
            },
            {
              target: ["./app", "./components", "./lib", "./proxy.ts", "./instrumentation.ts"],
              from: "./sandbox",
              message:
                "The sandbox stands in for Mobivate in tests, scripts and the demo only; the dashboard reaches the provider through lib/mobivate.",
            },
            {
              target: "./lib/mobivate",
              from: ["./lib/settings", "./lib/db", "./lib/auth"],
              message:
                "The provider module is given its configuration (lib/settings resolves it): it imports no settings, storage or auth code.",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "data/**",
      "e2e/.auth/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
