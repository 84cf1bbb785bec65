import { Command, CommanderError } from "commander";
import { InconclusiveError, InterruptedError, UserError } from "../errors/index.js";
import { unwrappedFileSystemError } from "../errors/file-system.js";
import { styleFor } from "../report/style.js";
import type { CliContext } from "./context.js";
import { ExitCode } from "./exit-codes.js";
import { printable, printableLines } from "../util/printable.js";
import { packageVersion } from "./version.js";

const ABOUT = `Chaos-test harness for leader election on a real ZooKeeper ensemble.

splitbrain brings up ZooKeeper and your election candidates in Docker, injects the
faults that really happen (total loss with empty data, outages, partitions, pauses,
a node rejoining after 30 s), records every leadership change in history.jsonl and
checks it: no two leaders at once (overlap), a leader again soon after faults heal
(liveness).`;

const EXIT_CODES = `
Exit codes: 0 every check passed, 1 a violation was found, 2 inconclusive,
64 bad usage or input, 130 interrupted.
Docs: docs/contracts.md (exit codes, checkers, candidate protocol, run directory),
docs/history-format.md (the history contract), docs/seeds.md (the incidents), README.md.`;

/**
 * Every command, in the order --help lists them, with the module that defines it. A module is
 * loaded only when its command runs (or for the full --help), so that `check` never loads Docker's
 * client and no command loads the live view's ink before it shows it.
 */
const COMMANDS: ReadonlyArray<{ name: string; load: (ctx: CliContext) => Promise<Command> }> = [
  { name: "run", load: async (ctx) => (await import("./run.js")).runCommand(ctx) },
  { name: "replay", load: async (ctx) => (await import("./replay.js")).replayCommand(ctx) },
  { name: "shrink", load: async (ctx) => (await import("./shrink.js")).shrinkCommand(ctx) },
  { name: "scenarios", load: async (ctx) => (await import("./scenarios.js")).scenariosCommand(ctx) },
  { name: "up", load: async (ctx) => (await import("./up.js")).upCommand(ctx) },
  { name: "check", load: async (ctx) => (await import("./check.js")).checkCommand(ctx) },
  { name: "report", load: async (ctx) => (await import("./report.js")).reportCommand(ctx) },
  { name: "merge", load: async (ctx) => (await import("./merge.js")).mergeCommand(ctx) },
  { name: "doctor", load: async (ctx) => (await import("./doctor.js")).doctorCommand(ctx) },
  { name: "images", load: async (ctx) => (await import("./images.js")).imagesCommand(ctx) },
  { name: "gc", load: async (ctx) => (await import("./gc.js")).gcCommand(ctx) },
];

/** The names of the commands, in the order --help lists them. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map((c) => c.name);

/**
 * Builds the commander program. Commands only register here; they hold no process state. With
 * `only`, the name of a command, just that command is loaded (its help, flags and errors are the
 * same); with `--version`, none; without it, or with anything else, all of them (for the full
 * --help and commander's "did you mean").
 */
export async function buildProgram(ctx: CliContext, only?: string): Promise<Command> {
  const program = new Command("splitbrain")
    .description(ABOUT)
    .version(packageVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .addHelpText("after", EXIT_CODES)
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .exitOverride();
  const named = COMMANDS.filter((c) => c.name === only);
  // `splitbrain --version` needs no command at all.
  const wanted = only === "-V" || only === "--version" ? [] : named.length > 0 ? named : COMMANDS;
  for (const command of await Promise.all(wanted.map((c) => c.load(ctx)))) {
    program.addCommand(command);
  }
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
    cmd.showHelpAfterError("(add --help for usage)");
    cmd.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** Runs the CLI and maps errors to exit codes; the only place that does. */
export async function runCli(argv: string[], ctx: CliContext): Promise<void> {
  const c = styleFor(ctx.stderr, ctx.env);
  try {
    // No command at all: the same help on stdout as --help, exit 0 (commander would print it on stderr).
    if (argv.length <= 2) argv = [...argv, "--help"];
    const program = await buildProgram(ctx, argv[2]);
    refuseUnknownHelpTopic(program, argv.slice(2));
    await program.parseAsync(argv);
  } catch (thrown) {
    // A file-system failure (permission, full disk, a directory where a file goes) is the user's situation, not a bug.
    const err = unwrappedFileSystemError(thrown) ?? thrown;
    if (err instanceof CommanderError) {
      const ok = err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help";
      ctx.setExitCode(ok ? ExitCode.pass : ExitCode.badInput);
      return;
    }
    if (err instanceof InterruptedError) {
      ctx.stderr.write(`${c.yellow("interrupted:")} everything this run started was removed\n`);
      ctx.setExitCode(ExitCode.interrupted);
      return;
    }
    if (err instanceof UserError) {
      ctx.stderr.write(`${c.red("error:")} ${printableLines(err.message)}\n`);
      if (err.hint !== undefined) ctx.stderr.write(`${c.dim(`hint: ${printableLines(err.hint)}`)}\n`);
      ctx.setExitCode(ExitCode.badInput);
      return;
    }
    if (err instanceof InconclusiveError) {
      ctx.stderr.write(`${c.yellow("inconclusive:")} ${printableLines(err.message)}\n`);
      if (err.hint !== undefined) ctx.stderr.write(`${c.dim(`hint: ${printableLines(err.hint)}`)}\n`);
      ctx.setExitCode(ExitCode.inconclusive);
      return;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    ctx.stderr.write(`${c.red("internal error (a bug in splitbrain, please report it):")}\n${detail}\n`);
    ctx.setExitCode(ExitCode.inconclusive);
  }
}

/** `help nope` would print the general help and exit 0: a topic that is no command is bad usage. */
function refuseUnknownHelpTopic(program: Command, args: readonly string[]): void {
  const [first, topic] = args;
  if (first !== "help" || topic === undefined) return;
  if (program.commands.some((cmd) => cmd.name() === topic || cmd.aliases().includes(topic))) return;
  throw new UserError(`help ${printable(topic)}: no such command`, `Commands: ${program.commands.map((cmd) => cmd.name()).join(", ")}.`);
}

/** Entry point used by bin/splitbrain. */
export function main(argv: string[]): void {
  // An output that cannot be written (a full disk, `> /dev/full`) makes the result unusable: exit 2
  // with one line, whatever the command would have answered (docs/contracts.md).
  let outputFailed = false;
  const ctx: CliContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    setExitCode: (code) => {
      process.exitCode = outputFailed && code !== ExitCode.interrupted ? ExitCode.inconclusive : code;
    },
  };
  // `splitbrain check --help | head` closes the pipe early: drop what is left to print, but let
  // the command finish (a run must still heal and tear down) and keep its exit code.
  for (const [name, stream] of [["stdout", process.stdout], ["stderr", process.stderr]] as const) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return;
      if (!outputFailed && name === "stdout") process.stderr.write(`${outputFailureLine(name, err)}\n`);
      outputFailed = true;
      if (process.exitCode !== ExitCode.interrupted) process.exitCode = ExitCode.inconclusive;
    });
  }
  let finished = false;
  // A promise that can never settle lets Node exit with code 0 and nothing said: never pass that off as success.
  const onBeforeExit = (): void => {
    if (finished) return;
    process.stderr.write("internal error (a bug in splitbrain, please report it): the command stopped before it finished\n");
    process.exitCode = 2;
  };
  process.on("beforeExit", onBeforeExit);
  void runCli(argv, ctx).finally(() => {
    finished = true;
    process.off("beforeExit", onBeforeExit);
    // Everything the command made is torn down by now. A connection the Docker engine never
    // answered (an exec into a troubled container) must not keep the process alive after it.
    setTimeout(() => {
      process.stderr.write(`note: a connection was still open ${EXIT_GRACE_MS / 1000} s after the command finished; exiting anyway\n`);
      process.exit();
    }, EXIT_GRACE_MS).unref();
  });
}

/** The one line said when stdout cannot be written. */
export function outputFailureLine(name: string, err: NodeJS.ErrnoException): string {
  const why = err.code === "ENOSPC" ? "no space left on the device" : (err.code ?? err.message);
  return `inconclusive: could not write to ${name} (${why}): the output is incomplete`;
}

/** How long the process may take to exit on its own once the command has finished. */
const EXIT_GRACE_MS = 10_000;
