import { Command, Option } from "commander";
import { UserError } from "../errors/index.js";
import { RUN_DEFAULTS } from "../run/defaults.js";
import { scheduleConfigOf } from "../run/schedule-config.js";
import { formatSchedule } from "../scenarios/format-schedule.js";
import { compileChecked, loadScenarioFile } from "../scenarios/load.js";
import { HEADLINE_SCENARIOS, SCENARIO_NAMES, SCENARIOS } from "../scenarios/registry.js";
import type { CliContext } from "./context.js";
import { parseCandidateCount, parseEnsembleSize, parsePositiveDuration, parseScale, parseSeed, parseSessionTimeout } from "./options.js";

/** `splitbrain scenarios`: the built-in scenarios, one line each; `scenarios validate FILE...` checks scenario files without Docker. */
export function scenariosCommand(ctx: CliContext): Command {
  const list = new Command("scenarios")
    .description("list the built-in scenarios, one line each; `scenarios validate FILE...` checks scenario files")
    .action(() => {
      const width = Math.max(...SCENARIO_NAMES.map((n) => n.length));
      const o = { ...RUN_DEFAULTS, seed: 0 };
      for (const name of SCENARIO_NAMES) {
        const headline = HEADLINE_SCENARIOS.includes(name) ? "*" : " ";
        ctx.stdout.write(`${headline} ${name.padEnd(width)}  ${SCENARIOS[name](o).summary}\n`);
      }
      ctx.stdout.write("\n* run by default (`splitbrain run` with no scenario)\n");
      ctx.stdout.write("Check a scenario file of your own: splitbrain scenarios validate my-scenario.yaml (docs/scenarios.md)\n");
    });
  list.addCommand(validateCommand(ctx));
  return list;
}

interface ValidateFlags {
  servers: 1 | 3 | 5 | 7;
  candidates: number;
  seed: number;
  sessionTimeout: number;
  recovery: number;
  timeScale: number;
}

function validateCommand(ctx: CliContext): Command {
  return new Command("validate")
    .description("check scenario files and print their compiled schedules, without Docker (exit 0 valid, 64 not)")
    .argument("<file...>", "scenario files (YAML or JSON, docs/scenarios.md)")
    .addOption(new Option("--servers <n>", "ZooKeeper ensemble size the node ids (zk1..) come from").argParser(parseEnsembleSize).default(RUN_DEFAULTS.servers))
    .addOption(new Option("--candidates <n>", "how many candidates (c1..; at most 64)").argParser(parseCandidateCount).default(RUN_DEFAULTS.candidates))
    .addOption(new Option("--seed <n>", "seed that draws random-candidate and random-zk").argParser(parseSeed).default(0))
    .addOption(new Option("--session-timeout <time>", "what 1st (one session timeout) stands for").argParser(parseSessionTimeout).default(RUN_DEFAULTS.sessionTimeoutMs, "6s"))
    .addOption(new Option("--recovery <time>", "liveness bound (the default settle is recovery + 2 session timeouts)").argParser(parsePositiveDuration).default(RUN_DEFAULTS.recoveryMs, "30s"))
    .addOption(new Option("--time-scale <x>", "shorten every duration by this factor, as `run --time-scale`").argParser(parseScale).default(1))
    .addHelpText(
      "after",
      `
Every file is read, validated and compiled as \`splitbrain run --scenario-file\` would with the
same flags; mistakes are printed as file: path: message (e.g. steps.2.fault.targets.0: unknown
target "c9"). \`splitbrain run --dry-run\` does the same for a whole run's flags.`,
    )
    .action(async (files: string[], flags: ValidateFlags) => {
      const config = scheduleConfigOf({ ...flags, sessionTimeoutMs: flags.sessionTimeout, recoveryMs: flags.recovery });
      const problems: string[] = [];
      for (const file of files) {
        try {
          const spec = await loadScenarioFile(file);
          const schedule = compileChecked(spec, config, flags.seed, file);
          ctx.stdout.write(`${formatSchedule(spec, schedule, config, file)}\n\n`);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          problems.push(err.message);
        }
      }
      if (problems.length > 0) {
        throw new UserError(
          `${problems.join("\n")}\n${problems.length} of ${files.length} scenario file(s) invalid`,
          "See docs/scenarios.md for the step forms, targets and fault kinds.",
        );
      }
      ctx.stdout.write(`${files.length} scenario file(s) valid\n`);
    });
}

