import { bugHelp } from "../candidates/registry.js";

/** What `splitbrain run --help` says after the options. */
export const RUN_HELP = `
Each scenario runs on a fresh ensemble and candidates; its run directory holds history.jsonl,
run.json (config, seed, schedule: what replay needs), verdict.json and logs/. Exit: 0 every
scenario passed, 1 a violation, 2 inconclusive, 64 bad usage, 130 interrupted (everything
healed and removed).

With --suite seeds, every incident of docs/seeds.md runs with the candidate that carries its bug
and with the correct one (--incident picks some: druid-double-leader, curator-total-loss,
parabol-window, false-death); exit 0 when every bug is reproduced by the expected checker and every
correct candidate passes, 1 when a case comes out otherwise, 2 when one is inconclusive.
With --witness plain|fenced, a witness service runs on the run's network; candidates that opt in
(latch, curator-latch and curator-selector do) send their writes to SB_WITNESS, and the effects
checker judges what was accepted: two leaders' writes during an overlap, a stale token accepted
(docs/contracts.md).
With --candidate patroni, a writer inserts a row into every member every 200 ms, records each
acknowledged insert and reads the rows back from the primary after the run; the lost-writes
checker reports acknowledged rows the primary does not hold (docs/contracts.md, "Lost writes").
Exit codes, the checkers and the run directory: docs/contracts.md.

With --parallel N (default 3), N scenarios (or suite cases) run at once on the engine, each on
its own network; results are reported in the order given. 3 is the most measured on a 2-core
machine without a changed verdict: 10 rounds of 70 runs, every correct candidate passed and
every seeded bug was found (docs/benchmarks.md); the three headline scenarios then take about as
long as the longest of them. --parallel 1 runs one at a time. On a terminal the live view shows a block
per run; elsewhere every progress line is tagged with its run. --engines a,b (or
SPLITBRAIN_ENGINES) spreads the runs over several Docker engines (run k uses the engine of its
slot); each is checked before anything starts, and one whose containers the harness cannot reach
at their addresses (an engine on another machine) is refused with exit 2 (docs/ci.md). How many runs a machine holds without timing noise changing verdicts: docs/ci.md.

With --shard i/n (i from 1 to n), only the cases at positions i, i+n, i+2n ... run: the
scenarios in the order given, or the suite's cases (incident x candidate). n CI runners with
the same flags and the same --seed cover the work exactly once; \`splitbrain merge\` joins their
run directories (docs/ci.md). A shard with no cases says so and exits 0; with one case, --out
is that case's run directory.

Bug modes (--bug):
${bugHelp()
  .split("\n")
  .map((l) => `  ${l}`)
  .join("\n")}

Examples:
  splitbrain run                                        the three headline scenarios, latch, all at once
  splitbrain run partition-leader --bug ignore-disconnect
  splitbrain run zk-total-loss --candidate curator-latch
  splitbrain run random --duration 10m --seed 42 --time-scale 0.5
  splitbrain run partition-leader --candidate patroni    Patroni watched by HTTP, psql and ZooKeeper
  splitbrain run --candidate file:my-service.yaml        your service as it is (docs/candidates.md)
  splitbrain run --scenario-file my.yaml --dry-run       check everything, print the schedule, start nothing
  splitbrain run --parallel 2                           two at a time (a busier or smaller machine)
  splitbrain run --parallel 1                           one at a time (a machine with fewer than 2 cores)`;
