import { POSSIBLE_POLICIES, type CheckOptions, type PossiblePolicy } from "./types.js";

/**
 * The check options a run recorded in its history header (`config.check`, written by
 * `splitbrain run`), so that re-checking a saved run judges it as the run did: a run at
 * `--time-scale 0.5` recorded a 15 s recovery bound, not the 30 s default. `recorded` is the
 * header or run.json (both carry `config.check`). Fields that are missing or not of the right
 * type are left out.
 */
export function recordedCheckOptions(recorded: object): Partial<CheckOptions> {
  const config = (recorded as Record<string, unknown>)["config"];
  if (typeof config !== "object" || config === null) return {};
  const check = (config as Record<string, unknown>)["check"];
  if (typeof check !== "object" || check === null) return {};
  const c = check as Record<string, unknown>;
  const ms = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;
  return {
    ...(ms(c["toleranceMs"]) ? { toleranceMs: c["toleranceMs"] } : {}),
    ...(ms(c["recoveryMs"]) ? { recoveryMs: c["recoveryMs"] } : {}),
    ...(typeof c["fencing"] === "boolean" ? { fencing: c["fencing"] } : {}),
    ...(typeof c["possible"] === "string" && (POSSIBLE_POLICIES as readonly string[]).includes(c["possible"]) ? { possible: c["possible"] as PossiblePolicy } : {}),
  };
}
