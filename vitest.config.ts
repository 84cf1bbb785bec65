import { defineConfig } from "vitest/config";

// Two projects: the unit tests (pure code, the CLI without Docker, the browser test) run two
// files at a time; the Docker tests run after them, one file at a time, so that no two real
// clusters compete for the machine's cores (their timing is real: sessions, timeouts, failovers).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/*.test.ts"],
          // Tests that start the CLI several times take seconds each on a loaded 2-core machine.
          testTimeout: 180_000,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "docker",
          include: ["test/docker/**/*.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
