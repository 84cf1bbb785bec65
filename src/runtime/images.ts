import { createRequire } from "node:module";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the project's files are at run time (dist/runtime/images.js -> project root). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** zod's package folder, relative to the project root (the witness in candidate-node needs it). */
function packageDir(name: string): string {
  return relative(PROJECT_ROOT, dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)));
}

/** The base every image builds FROM unless told otherwise; users elsewhere pull it. */
export const DEFAULT_BASE = "debian:bookworm-slim";
/** The base splitbrain makes itself with debootstrap where no registry can be reached. */
export const BOOTSTRAP_BASE = "splitbrain/base:bookworm";

export interface ImageDef {
  /** Short name used on the command line: `splitbrain images build zookeeper`. */
  name: string;
  repository: string;
  /** Build context, relative to the project root. */
  context: string;
  description: string;
  /** Folders of the project copied into the context (e.g. compiled candidates). */
  extra?: Array<{ from: string; to: string; include?: RegExp }>;
  /** Files generated into the context. */
  generated?: Array<{ to: string; content: string }>;
}

/** Every image splitbrain builds. A new image is one entry here plus its compose/ folder. */
export const IMAGES = {
  zookeeper: {
    name: "zookeeper",
    repository: "splitbrain/zookeeper",
    context: "compose/zookeeper",
    description: "ZooKeeper 3.8 server (Debian), laid out like the official image",
  },
  netutil: {
    name: "netutil",
    repository: "splitbrain/netutil",
    context: "compose/netutil",
    description: "NET_ADMIN helper with iptables and iproute2 for partitions",
  },
  "candidate-java": {
    name: "candidate-java",
    repository: "splitbrain/candidate-java",
    context: "compose/candidate-java",
    description: "Java candidates on Debian's Curator 5.4.0",
    extra: [{ from: "compose/libfaketime", to: "libfaketime" }],
  },
  "candidate-node": {
    name: "candidate-node",
    repository: "splitbrain/candidate-node",
    context: "compose/candidate-node",
    description: "Node candidates on the zookeeper npm client (official C client), and the witness (--witness)",
    extra: [
      { from: "compose/libfaketime", to: "libfaketime" },
      { from: "dist/candidates/latch", to: "app", include: /\.js$/ },
      // The witness (app/sb/witness/main.js) and the two modules it shares with the checkers,
      // laid out as in dist/ so its relative imports resolve, with zod next to them.
      { from: "dist/witness", to: "app/sb/witness", include: /^(?!.*\.test\.js$).*\.js$/ },
      { from: "dist/history", to: "app/sb/history", include: /^events\.js$/ },
      { from: "dist/checkers", to: "app/sb/checkers", include: /^accepted-tokens\.js$/ },
      { from: packageDir("zod"), to: "app/node_modules/zod", include: /(\.js|^package\.json)$/ },
    ],
    generated: [{ to: "app/package.json", content: '{ "type": "module" }\n' }],
  },
  "candidate-patroni": {
    name: "candidate-patroni",
    repository: "splitbrain/candidate-patroni",
    context: "compose/candidate-patroni",
    description: "Patroni 3.0.2 + PostgreSQL 15 (Debian) on the run's ZooKeeper; leader key /service/sb/leader",
    extra: [{ from: "compose/libfaketime", to: "libfaketime" }],
  },
} satisfies Record<string, ImageDef>;

export type ImageName = keyof typeof IMAGES;
export const IMAGE_NAMES = Object.keys(IMAGES) as ImageName[];

/** The tag splitbrain uses for an image: <repository>:<splitbrain version>. */
export function imageTag(def: ImageDef, version: string): string {
  return `${def.repository}:${version}`;
}
