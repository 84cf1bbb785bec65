import type { ScenarioName } from "./registry.js";

/** One run of a suite: a scenario, a candidate, and what a correct harness must find. */
export interface SuiteCase {
  /** The incident of docs/seeds.md it stands for. */
  incident: string;
  scenario: ScenarioName;
  candidate: string;
  bug?: string;
  /** "violation": the candidate carries the incident's bug and must fail on one of `by`; "pass": it is correct and must pass. */
  expect: { verdict: "violation"; by: string[] } | { verdict: "pass" };
  /** Judge this case with --fencing (whatever the suite run's own flag says). */
  fencing?: boolean;
  /** Run a witness in this mode, so the case is judged on what the leaders wrote (effects). */
  witness?: "plain" | "fenced";
  note?: string;
}

/** A case as one name: "false-death.pause-leader.latch.ignore-disconnect.witness-plain" (with sep "."). */
export function caseSlug(c: SuiteCase, sep: string): string {
  return [c.incident, c.scenario, c.candidate, c.bug, c.fencing === true ? "fencing" : undefined, c.witness !== undefined ? `witness-${c.witness}` : undefined]
    .filter((x) => x !== undefined)
    .join(sep);
}

/** What a case must come to: "pass", or "fail on overlap or liveness". */
export function caseExpectation(c: SuiteCase): string {
  return c.expect.verdict === "pass" ? "pass" : `fail on ${c.expect.by.join(" or ")}`;
}

/** How a case's candidate is written on a command line: "latch --bug ignore-disconnect --witness plain". */
export function caseLabel(c: SuiteCase): string {
  return `${c.candidate}${c.bug !== undefined ? ` --bug ${c.bug}` : ""}${c.fencing === true ? " --fencing" : ""}${c.witness !== undefined ? ` --witness ${c.witness}` : ""}`;
}

export interface Incident {
  id: string;
  title: string;
}

export interface Suite {
  name: string;
  summary: string;
  incidents: Incident[];
  cases: SuiteCase[];
}

/**
 * The incidents of docs/seeds.md, each paired with the candidate that carries its bug and with the
 * correct reference candidate (`run --suite seeds`).
 */
export const SEEDS_SUITE: Suite = {
  name: "seeds",
  summary: "the real incidents splitbrain exists to catch, each with its buggy and its correct candidate",
  incidents: [
    { id: "druid-double-leader", title: "Apache Druid: two Coordinators lead at once while ZooKeeper fails (CURATOR-696)" },
    { id: "curator-total-loss", title: "Curator LeaderLatch never re-elects after ZooKeeper is rebuilt empty (CURATOR-724)" },
    { id: "parabol-window", title: "Parabol: primary chosen only in a 30 s start-up window" },
    { id: "false-death", title: "'False death': a master cut off from ZooKeeper keeps acting" },
  ],
  cases: [
    { incident: "druid-double-leader", scenario: "zk-outage", candidate: "curator-latch", expect: { verdict: "violation", by: ["overlap"] }, note: "real Curator 5.4.0" },
    { incident: "druid-double-leader", scenario: "zk-outage", candidate: "latch", expect: { verdict: "pass" } },
    { incident: "curator-total-loss", scenario: "zk-total-loss", candidate: "latch", bug: "no-path-recreate", expect: { verdict: "violation", by: ["liveness"] } },
    { incident: "curator-total-loss", scenario: "zk-total-loss", candidate: "curator-latch", expect: { verdict: "violation", by: ["liveness"] }, note: "real Curator 5.4.0" },
    { incident: "curator-total-loss", scenario: "zk-total-loss", candidate: "latch", expect: { verdict: "pass" } },
    { incident: "parabol-window", scenario: "rejoin-after-30s", candidate: "latch", bug: "startup-window", expect: { verdict: "violation", by: ["overlap", "liveness"] } },
    { incident: "parabol-window", scenario: "rejoin-after-30s", candidate: "latch", expect: { verdict: "pass" } },
    { incident: "false-death", scenario: "partition-leader", candidate: "latch", bug: "ignore-disconnect", expect: { verdict: "violation", by: ["overlap"] } },
    { incident: "false-death", scenario: "partition-leader", candidate: "latch", expect: { verdict: "pass" } },
    {
      incident: "false-death",
      scenario: "pause-leader",
      candidate: "latch",
      bug: "ignore-disconnect",
      witness: "plain",
      expect: { verdict: "violation", by: ["overlap"] },
      note: "paused, not cut off: a frozen leader believes it leads through the pause whatever its code, so its overlap is excused if it steps down soon after the thaw; the bug's leader never does",
    },
    {
      incident: "false-death",
      scenario: "pause-leader",
      candidate: "latch",
      bug: "cached-belief",
      witness: "plain",
      expect: { verdict: "violation", by: ["effects"] },
      note: "judged on effects: the thawed leader writes once more from its cached belief, after its successor wrote with a greater token, and the plain witness accepts it (a stale write)",
    },
    {
      incident: "false-death",
      scenario: "pause-leader",
      candidate: "latch",
      witness: "plain",
      expect: { verdict: "pass" },
      note: "judged on effects: the frozen leader's overlap is excused (it steps down at once after the thaw) and it writes nothing stale",
    },
  ],
};

export const SUITES: Record<string, Suite> = { seeds: SEEDS_SUITE };

/** The suite cut down to these incidents (all when `ids` is empty); an unknown id is an error that lists the known ones. */
export function selectIncidents(suite: Suite, ids: readonly string[]): Suite {
  if (ids.length === 0) return suite;
  const known = suite.incidents.map((i) => i.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`unknown incident ${unknown.map((u) => `"${u}"`).join(", ")} in suite ${suite.name}; incidents: ${known.join(", ")}`);
  return {
    ...suite,
    incidents: suite.incidents.filter((i) => ids.includes(i.id)),
    cases: suite.cases.filter((c) => ids.includes(c.incident)),
  };
}

export type CaseOutcome = "reproduced" | "missed" | "passed" | "false-positive" | "inconclusive";

/** What a case's verdict means for the suite. */
export function judgeCase(c: SuiteCase, valid: true | false | "unknown", failed: string[]): CaseOutcome {
  if (valid === "unknown") return "inconclusive";
  if (c.expect.verdict === "pass") return valid === true ? "passed" : "false-positive";
  const by = c.expect.by;
  return valid === false && failed.some((f) => by.includes(f)) ? "reproduced" : "missed";
}
