import { defineConfig } from "vitest/config";

// Two projects: the unit tests (pure code, the CLI in-process and a few real `bin/splitbrain`
// processes, the browser test) run two files at a time; the Docker tests run after them, one file
// at a time, so that no two real clusters compete for the machine's cores (their timing is real:
// sessions, timeouts, failovers).
//
// Tiers (package.json): `npm test` runs the unit project and the Docker tests tagged "smoke";
// `npm run test:full` runs everything. Either project, or the whole run, splits into shards with
// `--shard i/n` (e.g. `npx vitest run --project docker --shard 2/4` on a second machine).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: "forks",
    tags: [
      {
        name: "smoke",
        description:
          "the Docker tests `npm test` runs: an ensemble, the correct and a buggy latch under partition-leader, Ctrl-C during bring-up, one observed candidate",
      },
    ],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/*.test.ts"],
          // The browser test and the few tests that start bin/splitbrain take seconds each on a
          // loaded 2-core machine.
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
