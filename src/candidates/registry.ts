import { UserError } from "../errors/index.js";
import type { ImageName } from "../runtime/images.js";

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
}

/** Every built-in candidate kind. A new one is one entry here plus its code and image. */
export const CANDIDATE_KINDS = {
  latch: {
    name: "latch",
    description: "reference candidate in TypeScript on the official ZooKeeper C client (correct unless --bug)",
    image: "candidate-node",
    bugs: {
      "ignore-disconnect": "keeps leading while disconnected and after expiry (Druid double leader, 'false death')",
      "no-path-recreate": "never re-creates a deleted election path: no leader after total loss (CURATOR-724)",
      "startup-window": "takes a never-renewed lease once at boot and leads forever (Parabol's 30 s primary window)",
    },
  },
  "curator-latch": {
    name: "curator-latch",
    description: "Apache Curator 5.4.0 LeaderLatch (Debian's jars; carries CURATOR-696 and CURATOR-724)",
    image: "candidate-java",
    cmd: ["latch"],
    bugs: {},
  },
  "curator-selector": {
    name: "curator-selector",
    description: "Apache Curator 5.4.0 LeaderSelector, takeLeadership held until interrupted",
    image: "candidate-java",
    cmd: ["selector"],
    bugs: {},
  },
} satisfies Record<string, CandidateKind>;

export type CandidateKindName = keyof typeof CANDIDATE_KINDS;
export const CANDIDATE_KIND_NAMES = Object.keys(CANDIDATE_KINDS) as CandidateKindName[];

/** What the runner needs: splitbrain's image by name, or the user's image by reference. */
export type CandidateChoice =
  | { kind: CandidateKindName; image: { builtIn: ImageName }; cmd?: string[]; bug?: string; label: string }
  | { kind: "image"; image: { ref: string }; bug?: string; label: string };

export const IMAGE_PREFIX = "image:";

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
  if (kind.startsWith(IMAGE_PREFIX)) {
    const ref = kind.slice(IMAGE_PREFIX.length);
    if (ref === "") throw new UserError(`--candidate ${kind}: give an image after "image:", e.g. image:myorg/my-service:1.2`);
    // The user's own candidate gets SB_BUG passed through; what it does with it is up to it.
    return { kind: "image", image: { ref }, ...(bug !== undefined ? { bug } : {}), label: `image ${ref}` };
  }
  if (!(kind in CANDIDATE_KINDS)) {
    throw new UserError(
      `unknown candidate kind "${kind}"`,
      `Valid kinds: ${CANDIDATE_KIND_NAMES.join(", ")}, or image:<ref> for your own image (docs/candidates.md).`,
    );
  }
  const def: CandidateKind = CANDIDATE_KINDS[kind as CandidateKindName];
  if (bug !== undefined && !(bug in def.bugs)) {
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
    ...(bug !== undefined ? { bug } : {}),
    label: bug !== undefined ? `${def.name} --bug ${bug}` : def.name,
  };
}
