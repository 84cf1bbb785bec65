import { MAX_DURATION_MS } from "../scenarios/duration.js";
import { POSSIBLE_POLICIES, type CheckOptions, type PossiblePolicy } from "./types.js";

/** A recorded check option that is not one: its path in the header and what it should be. */
export class RecordedOptionError extends Error {
  override name = "RecordedOptionError";
}

/**
 * The check options a run recorded in its history header (`config.check`, written by
 * `splitbrain run`), so that re-checking a saved run judges it as the run did: a run at
 * `--time-scale 0.5` recorded a 15 s recovery bound, not the 30 s default. `recorded` is the
 * header or run.json (both carry `config.check`). Missing fields are left out; a field that is
 * there with a wrong type, a negative value or more than 7 days is a RecordedOptionError naming
 * it (never silently replaced by the default: a 19 s gap must not pass a run that allowed 5 s).
 */
export function recordedCheckOptions(recorded: object): Partial<CheckOptions> {
  const config = (recorded as Record<string, unknown>)["config"];
  if (typeof config !== "object" || config === null) return {};
  const check = (config as Record<string, unknown>)["check"];
  if (check === undefined) return {};
  if (typeof check !== "object" || check === null || Array.isArray(check)) throw new RecordedOptionError("config.check: expected an object with toleranceMs, recoveryMs and fencing");
  const c = check as Record<string, unknown>;
  const ms = (key: "toleranceMs" | "recoveryMs"): Partial<CheckOptions> => {
    if (!Object.hasOwn(c, key)) return {};
    const v = c[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > MAX_DURATION_MS) {
      throw new RecordedOptionError(`config.check.${key}: expected a number of milliseconds from 0 to ${MAX_DURATION_MS} (7 days), got ${JSON.stringify(v)}`);
    }
    return { [key]: v };
  };
  if (Object.hasOwn(c, "fencing") && typeof c["fencing"] !== "boolean") throw new RecordedOptionError(`config.check.fencing: expected true or false, got ${JSON.stringify(c["fencing"])}`);
  if (Object.hasOwn(c, "possible") && !(POSSIBLE_POLICIES as readonly unknown[]).includes(c["possible"])) {
    throw new RecordedOptionError(`config.check.possible: expected one of ${POSSIBLE_POLICIES.join(", ")}, got ${JSON.stringify(c["possible"])}`);
  }
  return {
    ...ms("toleranceMs"),
    ...ms("recoveryMs"),
    ...(typeof c["fencing"] === "boolean" ? { fencing: c["fencing"] } : {}),
    ...(Object.hasOwn(c, "possible") ? { possible: c["possible"] as PossiblePolicy } : {}),
  };
}
