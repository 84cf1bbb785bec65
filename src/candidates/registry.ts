import { UserError } from "../errors/index.js";
import type { ImageName } from "../runtime/images.js";
import { readCandidateFile, parseCandidateFile } from "./candidate-file.js";
import { sourceNames, type ObserverSpec } from "./observers/spec.js";
import { isOwnKey } from "../util/own.js";

/** A kind of candidate splitbrain knows how to run. */
export interface CandidateKind {
  name: string;
  description: string;
  /** splitbrain's image that runs it. */
  image: ImageName;
  /** Command inside the image. */
  cmd?: string[];
  /** Bug modes it can switch on with SB_BUG, each with the incident it reproduces. */
  bugs: Record<string, string>;
  /** Whether it prints splitbrain's protocol (default true). */
  protocol?: boolean;
  /** How splitbrain watches it from outside (docs/candidates.md, "Observers"). */
  observe?: ObserverSpec[];
  /** A command that exits 0 in every candidate once it is ready (ends the bring-up window). */
  readyCommand?: string[];
  /**
   * A database the run writes to while it runs (docs/patroni-3.0.2.md, "Lost writes"): "postgres"
   * starts the writer, which inserts rows into every member and reads them back at the end.
   */
  writer?: WriterKind;
  /** Environment that follows --time-scale (values at full length, in the unit the image reads). */
  scaledEnv?: (timeScale: number) => Record<string, string>;
  /**
   * About how long a run's bring-up takes with this kind, images built (run.json's
   * `phases.bringUpMs` on the 2-core machine, rounded up): what `run`'s first line estimates with.
   */
  bringUpMs: number;
  /** What its image can take besides the common faults and options (checked by the run's plan). */
  capabilities?: CandidateCapabilities;
}

/** What a candidate kind's image provides, declared with the kind rather than guessed from its image's name. */
export interface CandidateCapabilities {
  /** libfaketime is in the image: the clock faults (clock-skew, clock-strobe) can move its clock. */
  clockFaults?: boolean;
  /** It runs Curator from a classpath `--curator-jars DIR` can replace. */
  curatorJars?: boolean;
  /**
   * It prints a role line (`follower`, or `leader`) as soon as it starts: the bring-up window lasts
   * until every candidate has, so that a slow start (a JVM on a busy machine, or under
   * libfaketime) is not counted against its first election.
   */
  reportsRoleAtStart?: boolean;
}

/** The bring-up estimate of a candidate from an image of the user's (its ready wait unknown). */
const IMAGE_BRING_UP_MS = 15_000;

/** About how long a run's bring-up takes with this candidate (see CandidateKind.bringUpMs). */
export function bringUpEstimateMs(choice: CandidateChoice): number {
  return choice.kind === "image" ? IMAGE_BRING_UP_MS : CANDIDATE_KINDS[choice.kind].bringUpMs;
}

/** The databases the writer (src/writer) can write to. */
export type WriterKind = "postgres";

/** Patroni's leader key for scope "sb" (compose/candidate-patroni). */
export const PATRONI_LEADER_KEY = "/service/sb/leader";

/** Seconds scaled, rounded up, at least `min` (Patroni reads whole seconds). */
const seconds = (full: number, scale: number, min: number): string => String(Math.max(min, Math.ceil(full * scale)));

/**
 * psql's failures that mean PostgreSQL takes no write (exit code 2 and it refused or is shutting
 * down or starting up): a definite "not the primary". A connection that times out says nothing.
 */
const PSQL_REFUSED = {
  exitCode: 2,
  stderr: "Connection refused|could not connect|No such file or directory|the database system is (shutting down|starting up|not yet accepting connections)",
};

/** How splitbrain watches Patroni: its REST API, psql in the container, and its leader key in ZooKeeper. */
const PATRONI_OBSERVERS: ObserverSpec[] = [
  { http: { port: 8008, path: "/primary", leader: { status: 200 } } },
  {
    exec: {
      // connect_timeout: without it psql waits forever on a PostgreSQL that does not answer.
      command: ["psql", "host=127.0.0.1 user=postgres dbname=postgres connect_timeout=3", "-tAc", "select not pg_is_in_recovery()"],
      leader: { stdout: "t" },
      follower: PSQL_REFUSED,
      pollMs: 500,
      timeoutMs: 5000,
    },
  },
  { zk: { leaderKey: PATRONI_LEADER_KEY } },
];

/** What both Patroni kinds share: the image, how it is watched and made ready, the writer. */
const PATRONI_WATCHED = {
  image: "candidate-patroni",
  bugs: {},
  protocol: false,
  observe: PATRONI_OBSERVERS,
  readyCommand: ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8008/health"],
  writer: "postgres",
  capabilities: { clockFaults: true },
} as const satisfies Omit<CandidateKind, "name" | "description" | "bringUpMs">;

/** Every built-in candidate kind. A new one is one entry here plus its code and image. */
export const CANDIDATE_KINDS = {
  latch: {
    name: "latch",
    description: "reference candidate in TypeScript on the official ZooKeeper C client (correct unless --bug)",
    image: "candidate-node",
    bringUpMs: 6000,
    capabilities: { clockFaults: true, reportsRoleAtStart: true },
    bugs: {
      "ignore-disconnect": "keeps leading while disconnected and after expiry (Druid double leader, 'false death')",
      "no-path-recreate": "never re-creates a deleted election path: no leader after total loss (CURATOR-724)",
      "startup-window": "takes a never-renewed lease once at boot and leads forever (Parabol's 30 s primary window)",
      "cached-belief": "with --witness: writes from the belief it had when it scheduled the write, without re-validating (a paused leader writes with its old token)",
    },
  },
  lease: {
    name: "lease",
    description: "reference lease candidate (candidate-node): a leader lease in a znode, renewed and taken over by each candidate's own wall clock; correct only while clocks agree and nothing stalls",
    image: "candidate-node",
    cmd: ["node", "/opt/sb/app/main.js", "lease"],
    bringUpMs: 6000,
    capabilities: { clockFaults: true, reportsRoleAtStart: true },
    bugs: {},
  },
  "curator-latch": {
    name: "curator-latch",
    description: "Apache Curator 5.4.0 LeaderLatch (Debian's jars; carries CURATOR-696 and CURATOR-724)",
    image: "candidate-java",
    cmd: ["latch"],
    bringUpMs: 6000,
    capabilities: { curatorJars: true, clockFaults: true, reportsRoleAtStart: true },
    bugs: {},
  },
  "curator-selector": {
    name: "curator-selector",
    description: "Apache Curator 5.4.0 LeaderSelector, takeLeadership held until interrupted",
    image: "candidate-java",
    cmd: ["selector"],
    bringUpMs: 6000,
    capabilities: { curatorJars: true, clockFaults: true, reportsRoleAtStart: true },
    bugs: {},
  },
  patroni: {
    ...PATRONI_WATCHED,
    name: "patroni",
    bringUpMs: 33_000,
    description: "Patroni 3.0.2 + PostgreSQL 15 (Debian) on the run's ZooKeeper, observed by its REST API, psql and its leader key",
    scaledEnv: (scale) => ({
      SB_PATRONI_TTL: seconds(20, scale, 6),
      SB_PATRONI_LOOP_WAIT: seconds(5, scale, 1),
      SB_PATRONI_RETRY_TIMEOUT: seconds(5, scale, 2),
    }),
  },
  "patroni-defaults": {
    ...PATRONI_WATCHED,
    name: "patroni-defaults",
    bringUpMs: 43_000,
    description: "patroni at Patroni's own default timing (ttl 30 s, loop_wait 10 s, retry_timeout 10 s), not scaled by --time-scale",
    scaledEnv: () => ({ SB_PATRONI_TTL: "30", SB_PATRONI_LOOP_WAIT: "10", SB_PATRONI_RETRY_TIMEOUT: "10" }),
  },
} satisfies Record<string, CandidateKind>;

export type CandidateKindName = keyof typeof CANDIDATE_KINDS;
export const CANDIDATE_KIND_NAMES = Object.keys(CANDIDATE_KINDS) as CandidateKindName[];

/** How a candidate is watched and made ready, whatever its image. */
export interface Watching {
  /** Observers besides (or instead of) the protocol. */
  observe?: ObserverSpec[];
  /** false: stdout is not parsed as protocol lines. */
  protocol?: boolean;
  readyCommand?: string[];
  readyTimeoutMs?: number;
  /** The writer inserts rows into every candidate and reads them back at the end (the kind's `writer`). */
  writer?: WriterKind;
  /** Environment for every candidate from the candidate file. */
  env?: Record<string, string>;
  /** A candidate file: where it was and what it said (replay runs the recorded content). */
  file?: { path: string; content: string };
}

/** What the runner needs: splitbrain's image by name, or the user's image by reference. */
export type CandidateChoice = (
  | { kind: CandidateKindName; image: { builtIn: ImageName }; cmd?: string[]; bug?: string; label: string }
  | { kind: "image"; image: { ref: string }; cmd?: string[]; bug?: string; label: string }
) &
  Watching;

export const IMAGE_PREFIX = "image:";
export const FILE_PREFIX = "file:";

/** The source whose view targets "leader" steps and is shown first: the protocol, else the first observer. */
export function leaderSource(choice: CandidateChoice): string {
  if (choice.protocol !== false) return "protocol";
  return sourceNames(choice.observe ?? [])[0] ?? "protocol";
}

/** The choice with ZooKeeper's own view of the election added as a `zk` observer (--observe-zk). */
export function withZkObserver(choice: CandidateChoice, electionPath: string): CandidateChoice {
  const observe = choice.observe ?? [];
  if (observe.some((o) => "zk" in o)) return choice;
  if (sourceNames(observe).includes("zk")) {
    throw new UserError('--observe-zk records the lane "zk", and an observer of the candidate file already has that name', "Rename that observer (its name:), or leave out --observe-zk.");
  }
  return { ...choice, observe: [...observe, { zk: { electionPath } }] };
}

/**
 * A candidate file's choice: its image, command, env, observers and ready command. The file is
 * read from `path` unless its `content` is given (replay uses the copy kept in run.json).
 */
export function fileCandidate(path: string, content: string = readCandidateFile(path)): CandidateChoice {
  const f = parseCandidateFile(path, content);
  return {
    kind: "image",
    image: { ref: f.image },
    ...(f.command !== undefined ? { cmd: f.command } : {}),
    label: `file ${path} (${f.image})`,
    observe: f.observe,
    protocol: f.protocol,
    env: f.env,
    ...(f.ready?.command !== undefined ? { readyCommand: f.ready.command } : {}),
    ...(f.ready?.timeoutMs !== undefined ? { readyTimeoutMs: f.ready.timeoutMs } : {}),
    file: { path, content },
  };
}

/** What a chosen candidate's kind declares it can take (your own image: nothing declared). */
export function capabilitiesOf(choice: CandidateChoice): CandidateCapabilities {
  if (choice.kind === "image") return {};
  const kind: CandidateKind = CANDIDATE_KINDS[choice.kind];
  return kind.capabilities ?? {};
}

/** Whether the candidates can take clock faults: their kind declares libfaketime in its image. */
export function takesClockFaults(choice: CandidateChoice): boolean {
  return capabilitiesOf(choice).clockFaults === true;
}

/** All bug modes, "kind:bug" style help text. */
export function bugHelp(): string {
  const lines: string[] = [];
  for (const k of CANDIDATE_KIND_NAMES) {
    for (const [bug, what] of Object.entries(CANDIDATE_KINDS[k].bugs)) lines.push(`${bug} (${k}): ${what}`);
  }
  return lines.join("\n");
}

/**
 * Resolves `--candidate` and `--bug` into what to run. Unknown kinds or bugs are a UserError that
 * lists the valid ones.
 */
export function resolveCandidate(kind: string, bug?: string): CandidateChoice {
  if (kind.startsWith(FILE_PREFIX)) {
    const path = kind.slice(FILE_PREFIX.length);
    if (path === "") throw new UserError(`--candidate ${kind}: give a file after "file:", e.g. file:my-service.yaml`);
    const choice = fileCandidate(path);
    return bug !== undefined ? { ...choice, bug } : choice;
  }
  if (kind.startsWith(IMAGE_PREFIX)) {
    const ref = kind.slice(IMAGE_PREFIX.length);
    if (ref === "") throw new UserError(`--candidate ${kind}: give an image after "image:", e.g. image:myorg/my-service:1.2`);
    // The user's own candidate gets SB_BUG passed through; what it does with it is up to it.
    return { kind: "image", image: { ref }, ...(bug !== undefined ? { bug } : {}), label: `image ${ref}` };
  }
  if (!isOwnKey(CANDIDATE_KINDS, kind)) {
    throw new UserError(
      `unknown candidate kind "${kind}"`,
      `Valid kinds: ${CANDIDATE_KIND_NAMES.join(", ")}, image:<ref> for your own image that prints the protocol, or file:<candidate.yaml> for a service watched from outside (docs/candidates.md).`,
    );
  }
  const def: CandidateKind = CANDIDATE_KINDS[kind];
  if (bug !== undefined && !isOwnKey(def.bugs, bug)) {
    const valid = Object.keys(def.bugs);
    throw new UserError(
      `unknown bug mode "${bug}" for candidate ${def.name}`,
      valid.length > 0 ? `Valid bug modes of ${def.name}: ${valid.join(", ")}.` : `${def.name} has no bug modes; bug modes: ${bugHelp().replace(/\n/g, "; ")}.`,
    );
  }
  return {
    kind: kind as CandidateKindName,
    image: { builtIn: def.image },
    ...(def.cmd !== undefined ? { cmd: def.cmd } : {}),
    ...(def.protocol !== undefined ? { protocol: def.protocol } : {}),
    ...(def.observe !== undefined ? { observe: def.observe } : {}),
    ...(def.readyCommand !== undefined ? { readyCommand: def.readyCommand } : {}),
    ...(def.writer !== undefined ? { writer: def.writer } : {}),
    ...(bug !== undefined ? { bug } : {}),
    label: bug !== undefined ? `${def.name} --bug ${bug}` : def.name,
  };
}
