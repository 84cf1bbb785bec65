import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors/index.js";
import { readHistory } from "../history/reader.js";
import { rolesAtInjection, type RoleEvent, type RolesAtInjection } from "./roles.js";

/**
 * The roles at injection (roles.ts) of a run directory's history; undefined when it has no
 * history or one that cannot be read (then the faults keep the nodes they name, and `note` says why).
 */
export async function readRolesAtInjection(runDir: string, source: string, note: (line: string) => void): Promise<RolesAtInjection | undefined> {
  const file = join(runDir, "history.jsonl");
  if (!existsSync(file)) return undefined;
  const events: RoleEvent[] = [];
  try {
    await readHistory(file, (e) => {
      events.push(e as RoleEvent);
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    note(`cannot read the roles of ${runDir} (${err.message}); its faults keep the nodes they name`);
    return undefined;
  }
  return rolesAtInjection(events, source);
}
