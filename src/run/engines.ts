/**
 * Spreading runs over several Docker engines: each engine is what DOCKER_HOST would name
 * (unix:///var/run/docker.sock, tcp://host:2376 ...). A run on slot `s` uses engine s mod n, so
 * with `--parallel N` and n engines the runs under way are spread evenly. The engines after the
 * first get splitbrain's images copied from the first (SPLITBRAIN_IMAGE_SOURCE) when they lack them.
 */
export function engineEnv(env: NodeJS.ProcessEnv, engines: readonly string[] | undefined, slot: number): NodeJS.ProcessEnv {
  if (engines === undefined || engines.length === 0) return env;
  const engine = engines[slot % engines.length] as string;
  // The other engines copy splitbrain's images from the first rather than building them again.
  const first = engines[0] as string;
  return { ...env, DOCKER_HOST: engine, ...(engine !== first ? { SPLITBRAIN_IMAGE_SOURCE: first } : {}) };
}

/** The engine list written as `--engines a,b` or SPLITBRAIN_ENGINES: trimmed, empty entries dropped, each checked. */
export function parseEngineList(value: string): string[] {
  const list = value
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
  for (const e of list) {
    if (!/^(unix|tcp|ssh|npipe):\/\/./.test(e)) throw new Error(`"${e}" is not an engine address (unix:///path/docker.sock, tcp://host:2376 or ssh://user@host)`);
  }
  if (new Set(list).size !== list.length) throw new Error(`an engine is listed twice in "${value}"`);
  return list;
}
