import { seenBy } from "../checkers/timeline.js";
import { PROTOCOL_SOURCE, type AnyEvent, type KnownEvent } from "../history/events.js";
import type { Schedule } from "../scenarios/types.js";
import type { RunReporter } from "./reporter.js";
import { printable } from "../util/printable.js";
import { validityWord } from "../checkers/verdict.js";

/**
 * Plain progress lines for pipes, CI and --no-tui: "[  4.1s] ensemble serving (3/3 servers, ...)".
 * Leadership changes are printed as they happen, so a CI log tells the story of the run.
 */
export function createPlainReporter(out: NodeJS.WritableStream, started = Date.now(), tag?: string): RunReporter {
  // With several runs at once (--parallel) every line names its run: "[ 4.1s] [zk-outage] ...".
  const prefix = tag === undefined ? "" : `[${tag}] `;
  const line = (message: string): void => {
    const s = ((Date.now() - started) / 1000).toFixed(1);
    // Node ids, tokens and reasons come from the candidates: never let one start a line of its own.
    out.write(`[${s.padStart(5)}s] ${printable(`${prefix}${message}`)}\n`);
  };
  // Observers report "follower" on every poll's change: say so only when the node led in that view.
  const observedLeading = new Set<string>();
  return {
    scenarioStarted: (info) => line(`=== scenario ${info.index + 1}/${info.total} ${info.scenario}: ${info.summary}`),
    progress: (message) => line(message),
    runStarted: (info) => line(`run directory ${info.runDir}`),
    event: (event: KnownEvent | AnyEvent) => {
      const seen = seenBy((event as { source?: string }).source ?? PROTOCOL_SOURCE);
      if (event.type === "leader") {
        const token = (event as { token?: string }).token;
        if (seen !== "") observedLeading.add(`${event.node}${seen}`);
        line(`${event.node} leads${token !== undefined ? ` (token ${token})` : ""}${seen}`);
      } else if (event.type === "follower" && seen !== "" && observedLeading.delete(`${event.node}${seen}`)) {
        line(`${event.node} no longer leads${seen}`);
      } else if (event.type === "down") {
        line(`${event.node} is down (${(event as { reason?: string }).reason ?? "exited"})`);
      }
    },
    scheduleStarted: (schedule: Schedule) => line(`schedule: ${schedule.actions.filter((a) => a.do === "inject").length} fault(s) over ${(schedule.endAt / 1000).toFixed(1)} s`),
    scenarioFinished: (info) => line(`${info.scenario}: ${validityWord(info.valid)} (${info.runDir})`),
    close: () => undefined,
  };
}
