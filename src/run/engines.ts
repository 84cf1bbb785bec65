/**
 * Spreading runs over several Docker engines: each engine is what DOCKER_HOST would name
 * (unix:///var/run/docker.sock, tcp://host:2376 ...). A run on slot `s` uses engine s mod n, so
 * with `--parallel N` and n engines the runs under way are spread evenly.
 */
export function engineEnv(env: NodeJS.ProcessEnv, engines: readonly string[] | undefined, slot: number): NodeJS.ProcessEnv {
  if (engines === undefined || engines.length === 0) return env;
  return { ...env, DOCKER_HOST: engines[slot % engines.length] as string };
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
