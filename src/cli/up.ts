import { Command, Option } from "commander";
import { UserError } from "../errors/index.js";
import { curatorJarBinds } from "./curator-jars.js";
import { bringUpEnsemble } from "../run/up.js";
import { DEFAULT_ENSEMBLE } from "../cluster/spec.js";
import type { CliContext } from "./context.js";
import { buildArgsFromEnv } from "./images.js";
import { withInterrupts } from "./interrupt.js";
import { parseCandidateCount, parseDuration, parseEnsembleSize, parsePositiveInt, parseSessionTimeout, recoveryMsOption, recoveryOf, recoveryOption } from "./options.js";
import { bugHelp, CANDIDATE_KIND_NAMES, CANDIDATE_KINDS, resolveCandidate } from "../candidates/registry.js";
import { formatCheckSummary } from "../report/check-summary.js";
import { styleFor } from "../report/style.js";
import { exitCodeFor } from "./exit-codes.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { progressPrinter } from "./progress.js";
import { chooseReporter, wantsLiveView } from "./reporter-choice.js";
import { packageVersion } from "./version.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

interface UpFlags {
  curatorJars?: string;
  candidate?: string;
  candidates?: number;
  bug?: string;
  sessionTimeout: number;
  recovery?: number;
  recoveryMs?: number;
  servers: 1 | 3 | 5 | 7;
  zkImage?: string;
  duration?: number;
  tickMs: number;
  quorumTimeout: number;
  out?: string;
  keep: boolean;
  tui: boolean;
}

export function upCommand(ctx: CliContext): Command {
  return new Command("up")
    .description("bring up a ZooKeeper ensemble in Docker and watch its roles (until Ctrl-C or --duration)")
    .addOption(new Option("--servers <n>", "ensemble size: 1, 3, 5 or 7").argParser(parseEnsembleSize).default(DEFAULT_ENSEMBLE.size))
    .option("--zk-image <image>", "ZooKeeper image to run instead of splitbrain's (e.g. the official zookeeper:3.8)")
    .addOption(new Option("--duration <time>", "tear down after this long (90s, 2m); default: until Ctrl-C").argParser(parseDuration))
    .addOption(new Option("--tick-ms <ms>", "ZooKeeper tickTime").argParser(parsePositiveInt).default(DEFAULT_ENSEMBLE.tickTime))
    .addOption(new Option("--quorum-timeout <time>", "how long the servers may take to form a quorum").argParser(parseDuration).default(60_000, "60s"))
    .option("--candidate <kind>", `candidates to run: ${CANDIDATE_KIND_NAMES.join(", ")}, image:<ref>, or file:<x.yaml> (docs/candidates.md)`)
    .addOption(new Option("--candidates <n>", "how many candidates (default 3 with --candidate; at most 64)").argParser(parseCandidateCount))
    .option("--bug <mode>", "switch on a bug mode of the candidate (see below)")
    .addOption(new Option("--session-timeout <time>", "ZooKeeper session timeout the candidates request (at most 10m)").argParser(parseSessionTimeout).default(RUN_DEFAULTS.sessionTimeoutMs, "6s"))
    .addOption(recoveryOption(`liveness bound for the check at the end (default ${DEFAULT_CHECK_OPTIONS.recoveryMs / 1000}s)`))
    .addOption(recoveryMsOption())
    .option("--curator-jars <dir>", "with curator-latch/selector: run these Curator jars instead of Debian's 5.4.0")
    .option("--out <dir>", "run directory (default runs/<UTC time>-ensemble)")
    .option("--keep", "leave the containers running at the end (remove later with `splitbrain gc`)", false)
    .option("--no-tui", "plain progress lines even on a terminal (as `run --no-tui`)")
    .addHelpText(
      "after",
      `
Missing images are built first (see \`splitbrain images build\`). The run directory gets
history.jsonl with a zk-role event for every role change, run.json and logs/<server>.log.
With --candidate, the candidates join an election under /splitbrain/election; their
leadership changes are recorded too, and the history is checked at the end (exit 0 pass,
1 violation). Ctrl-C removes every container and network of the run (exit 130). On a
terminal the live view shows the roles and a rolling timeline; in pipes, CI or with --no-tui,
plain lines (the connect string and the servers on stdout, progress on stderr).

Candidate kinds:
${CANDIDATE_KIND_NAMES.map((k) => `  ${k.padEnd(17)} ${CANDIDATE_KINDS[k].description}`).join("\n")}
  image:<ref>       your own image, speaking the candidate protocol (docs/candidates.md)
Bug modes (--bug):
${bugHelp()
  .split("\n")
  .map((l) => `  ${l}`)
  .join("\n")}`,
    )
    .action(async (flags: UpFlags) => {
      const live = wantsLiveView(ctx, flags.tui) ? await chooseReporter(ctx, true) : undefined;
      const progress = live !== undefined ? (m: string): void => live.progress(m) : progressPrinter(ctx);
      // What the user needs while the cluster is up: on stdout, or inside the live view.
      const say = live !== undefined ? (line: string): void => live.progress(line.trim()) : (line: string): void => void ctx.stdout.write(`${line}\n`);
      let historyNow: (() => number) | undefined;
      if (flags.candidate === undefined && (flags.bug !== undefined || flags.candidates !== undefined || flags.curatorJars !== undefined)) {
        throw new UserError("--bug, --candidates and --curator-jars need --candidate <kind>", `Kinds: ${CANDIDATE_KIND_NAMES.join(", ")}, or image:<ref>.`);
      }
      const choice = flags.candidate === undefined ? undefined : resolveCandidate(flags.candidate, flags.bug);
      const binds = choice === undefined ? undefined : curatorJarBinds(flags.curatorJars, choice);
      live?.scenarioStarted({
        scenario: "ensemble",
        summary: `${flags.servers} ZooKeeper server(s)${choice !== undefined ? `, ${flags.candidates ?? 3} candidate(s) ${choice.label}` : ""}`,
        index: 0,
        total: 1,
        seed: 0,
        candidate: choice?.label ?? "none",
      });
      const result = await withInterrupts(ctx, async (signal) => {
        try {
          return await bringUp(signal);
        } finally {
          live?.close();
        }
      });
      function bringUp(signal: AbortSignal): ReturnType<typeof bringUpEnsemble> {
        return bringUpEnsemble({
          env: ctx.env,
          version: packageVersion(),
          spec: { ...DEFAULT_ENSEMBLE, size: flags.servers, tickTime: flags.tickMs },
          ...(flags.zkImage !== undefined ? { zkImage: flags.zkImage } : {}),
          ...(flags.duration !== undefined ? { durationMs: flags.duration } : {}),
          runsRoot: RUN_DEFAULTS.runsRoot,
          ...(flags.out !== undefined ? { out: flags.out } : {}),
          keep: flags.keep,
          ...(choice !== undefined
            ? {
                candidates: {
                  choice,
                  count: flags.candidates ?? 3,
                  sessionTimeoutMs: flags.sessionTimeout,
                  electionPath: RUN_DEFAULTS.electionPath,
                  ...(binds !== undefined ? { binds } : {}),
                },
                check: { recoveryMs: recoveryOf(flags, (line) => ctx.stderr.write(`${line}\n`)) ?? DEFAULT_CHECK_OPTIONS.recoveryMs },
              }
            : {}),
          quorumTimeoutMs: flags.quorumTimeout,
          observeIntervalMs: RUN_DEFAULTS.observeIntervalMs,
          ...buildArgsFromEnv(ctx.env),
          progress,
          signal,
          ...(live !== undefined
            ? {
                onRunStarted: (info) => {
                  historyNow = info.now;
                  live.runStarted(info);
                },
                onEvent: (event) => live.event(event),
              }
            : {}),
          onReady: (info) => {
            say(`Ensemble up: ${info.servers.length} server(s), leader ${info.leader ?? "?"}, formed in ${(info.formedInMs / 1000).toFixed(1)} s`);
            say(`  connect string (inside network ${info.network}): ${info.connectString}`);
            for (const s of info.servers) say(`  ${s.name.padEnd(4)} ${String(s.role).padEnd(10)} ${s.ip ?? "?"}:2181  (${s.container})`);
            say(`  run directory: ${info.runDir}`);
            say(flags.duration !== undefined ? `  holding for ${flags.duration / 1000} s` : "  press Ctrl-C to tear it down");
            // The live view counts down to the end of --duration as to the end of a schedule.
            if (live !== undefined && flags.duration !== undefined && historyNow !== undefined) {
              live.scheduleStarted({ scenario: "ensemble", seed: 0, actions: [{ at: flags.duration, do: "end" }], endAt: flags.duration }, historyNow());
            }
          },
        });
      }
      ctx.stdout.write(`Done: ${result.runDir} (${result.teardown === "kept" ? "containers kept" : `removed ${result.teardown.containers} container(s), ${result.teardown.networks} network(s)`})\n`);
      if (result.check !== undefined) {
        ctx.stdout.write(`${formatCheckSummary(result.check, styleFor(ctx.stdout, ctx.env))}\n`);
        ctx.setExitCode(exitCodeFor(result.check.valid));
      }
    });
}
