// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "runs/", "coverage/", "compose/**/node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports only." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/runtime/docker/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "dockerode", message: "Only src/runtime/docker/ may import dockerode." }] },
      ],
    },
  },
  {
    files: ["src/run/**/*.ts", "src/scenarios/**/*.ts", "src/faults/**/*.ts", "src/checkers/**/*.ts", "src/cluster/**/*.ts", "src/candidates/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "dockerode", message: "Only src/runtime/docker/ may import dockerode." }],
          patterns: [{ group: ["**/runtime/docker/*"], message: "Use the runtime seam (src/runtime/types.ts, src/runtime/connect.ts), not the Docker runtime." }],
        },
      ],
    },
  },
  {
    files: ["eslint.config.js", "vitest.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
);
