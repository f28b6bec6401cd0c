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
