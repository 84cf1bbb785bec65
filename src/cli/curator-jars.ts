import { readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { CANDIDATE_KIND_NAMES, CANDIDATE_KINDS, capabilitiesOf, type CandidateChoice, type CandidateKind } from "../candidates/registry.js";
import { UserError } from "../errors/index.js";

import { CURATOR_OVERRIDE_DIR } from "../candidates/curator-override.js";

export { CURATOR_OVERRIDE_DIR };

/**
 * --curator-jars DIR: the jars in DIR replace Debian's Curator (and ZooKeeper client) jars on
 * the Java candidates' classpath, so users test the Curator version they ship.
 */
export function curatorJarBinds(dir: string | undefined, choice: CandidateChoice): string[] | undefined {
  if (dir === undefined) return undefined;
  if (capabilitiesOf(choice).curatorJars !== true) {
    const curators = CANDIDATE_KIND_NAMES.filter((k) => (CANDIDATE_KINDS[k] as CandidateKind).capabilities?.curatorJars === true);
    throw new UserError(`--curator-jars applies to the Curator candidates (${curators.join(", ")}), not ${choice.label}`);
  }
  const abs = resolve(dir);
  let jars: string[];
  try {
    if (!statSync(abs).isDirectory()) throw new Error("not a directory");
    jars = readdirSync(abs).filter((f) => f.endsWith(".jar"));
  } catch {
    throw new UserError(`--curator-jars ${dir}: not a directory`, "Give a directory with the curator-*.jar files (and their zookeeper, slf4j and guava jars).");
  }
  if (jars.length === 0) throw new UserError(`--curator-jars ${dir}: no .jar files in it`, "Put curator-recipes, curator-framework and curator-client jars there, with their dependencies.");
  return [`${abs}:${CURATOR_OVERRIDE_DIR}:ro`];
}
