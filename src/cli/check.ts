import { Command, Option } from "commander";
import { checkHistoryAsRecorded } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS, type PossiblePolicy } from "../checkers/types.js";
import { checkToJson, formatCheckSummary } from "../report/check-summary.js";
import { styleFor } from "../report/style.js";
import { exitCodeFor } from "./exit-codes.js";
import { checkOverrides, parseMs, possibleOption, recoveryMsOption, recoveryOf, recoveryOption } from "./options.js";
import { MAX_DURATION_TEXT } from "../scenarios/duration.js";
import type { CliContext } from "./context.js";

interface CheckFlags {
  toleranceMs?: number;
  recovery?: number;
  recoveryMs?: number;
  fencing?: boolean;
  possible?: PossiblePolicy;
  json: boolean;
}

const SEMANTICS = `
What is checked (docs/history-format.md has the full contract):
  overlap   A leadership interval runs from a node's "leader" event to its next
            "follower" (same group) or "down" event, or to the end of the history.
            Two intervals of different nodes in one group that share more than
            --tolerance-ms are a split brain. Touching intervals do not overlap.
  liveness  "fault"/"heal" events cut the history into stretches. Where every active
            fault has expectLeader:true (or none is active), a group may go without
            a leader for at most --recovery, counted from the stretch's start.
  fencing   With --fencing, an overlap whose later leader holds a strictly greater
            token is a warning, not a violation, and every new leadership must carry
            a token greater than all earlier ones. A superseded leader must step
            down: it may not lead on through more than --recovery with no fault
            active (a "stale leader").
  evidence  An observer that polls (http, exec, zk) sees leadership only at its polls.
            An overlap in its view is a split brain only when both nodes were seen
            leading at once; otherwise it is "possible" and reported with its bounds
            and the answers it rests on: a warning, or inconclusive (exit 2) when it
            rests on answers missing for longer than a poll interval (--possible
            warn|fail decides otherwise). The candidate's own lines and log
            observers are exact.

Options: a history written by "splitbrain run" records the check options of its run in
its header (config.check), and check uses them, so a saved run is judged as it was:
a run at --time-scale 0.5 had a 15 s recovery bound, not 30 s. A flag given here wins.
Without a recorded value: tolerance ${DEFAULT_CHECK_OPTIONS.toleranceMs} ms, recovery ${DEFAULT_CHECK_OPTIONS.recoveryMs} ms, no fencing,
--possible ${DEFAULT_CHECK_OPTIONS.possible}.
--tolerance-ms takes milliseconds (5000) or a duration with a unit (15s, 1500ms, 2m); --recovery
takes a duration as in every command (a bare number is seconds: 15, 15s, 1500ms, 2m); at most
${MAX_DURATION_TEXT}. (--recovery-ms, its old spelling in check, report and up, still works.)

Exit codes: 0 pass, 1 violation, 2 inconclusive, 64 bad input.

Examples:
  splitbrain check runs/latest
  splitbrain check history.jsonl --recovery 10s --json > verdict.json`;

export function checkCommand(ctx: CliContext): Command {
  return new Command("check")
    .description("check a saved history (history.jsonl or a run directory) offline")
    .argument("<history>", "a history.jsonl file or a run directory that contains one")
    .addOption(
      new Option("--tolerance-ms <ms>", `overlaps up to this long are not violations (default: the run's, else ${DEFAULT_CHECK_OPTIONS.toleranceMs})`).argParser(parseMs),
    )
    .addOption(recoveryOption(`longest allowed leaderless period where a leader is expected (default: the run's, else ${DEFAULT_CHECK_OPTIONS.recoveryMs / 1000}s)`))
    .addOption(recoveryMsOption())
    .option("--fencing", "treat overlaps fenced by a greater token as warnings; check tokens increase (default: as the run did)")
    .option("--no-fencing", "check without fencing, even if the run used --fencing")
    .addOption(possibleOption(`the run's, else ${DEFAULT_CHECK_OPTIONS.possible}`))
    .option("--json", "print the verdict as JSON on stdout", false)
    .addHelpText("after", SEMANTICS)
    .action(async (target: string, flags: CheckFlags) => {
      const recoveryMs = recoveryOf(flags, (line) => ctx.stderr.write(`${line}\n`));
      const result = await checkHistoryAsRecorded(target, checkOverrides({ ...flags, ...(recoveryMs !== undefined ? { recoveryMs } : {}) }));
      const code = exitCodeFor(result.valid);
      if (flags.json) ctx.stdout.write(`${JSON.stringify(checkToJson(result), null, 2)}\n`);
      else ctx.stdout.write(`${formatCheckSummary(result, styleFor(ctx.stdout, ctx.env))}\n`);
      ctx.setExitCode(code);
    });
}
