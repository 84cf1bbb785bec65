import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileCandidate } from "../candidates/registry.js";
import { DEFAULT_ENSEMBLE } from "../cluster/spec.js";
import { runSession } from "../run/session.js";
import { packageVersion } from "../cli/version.js";
import { ensureImages } from "../runtime/docker/image-builder.js";
import { connectDocker } from "../runtime/docker/client.js";
import { hostBuildArgs } from "../runtime/host-ca.js";
import { IMAGES, imageTag } from "../runtime/images.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { argValue, median } from "./common.js";
import { ROLE_SERVICE_JS } from "./role-service.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

/**
 * `npm run bench:observers`: what watching candidates from outside costs. Three candidates (the
 * role service of the observer tests, on splitbrain/candidate-node) and one ZooKeeper server;
 * for each observer set, a window of `--seconds` (default 20) after bring-up, measuring
 *  - the harness's CPU (this process, user + system) as a share of one core,
 *  - the whole machine's busy CPU (from /proc/stat, in cores: Docker's own work for `docker exec` shows here),
 *  - how late a 100 ms timer fires in the harness (p50 / p99): the effect on a scenario's timing,
 *  - events recorded per second.
 *
 *   node dist/bench/observers-bench.js [--seconds 20]
 */

interface Config {
  name: string;
  observe: string[];
}

const CONFIGS: Config[] = [
  { name: "no observer (baseline)", observe: [] },
  { name: "http + zk, 100 ms", observe: ["  - http: { port: 8080, path: /role, pollMs: 100 }", "  - zk: { electionPath: /splitbrain/election, pollMs: 100 }"] },
  {
    name: "http + exec 500 ms + zk (defaults)",
    observe: ["  - http: { port: 8080, path: /role }", "  - exec: { command: [cat, /tmp/role], leader: { stdout: leader } }", "  - zk: { electionPath: /splitbrain/election }"],
  },
  {
    name: "http + exec + zk, all 100 ms",
    observe: [
      "  - http: { port: 8080, path: /role, pollMs: 100 }",
      "  - exec: { command: [cat, /tmp/role], leader: { stdout: leader }, pollMs: 100 }",
      "  - zk: { electionPath: /splitbrain/election, pollMs: 100 }",
    ],
  },
];

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

async function measure(config: Config, image: string, seconds: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "sb-bench-obs-"));
  const file = join(dir, "svc.yaml");
  const content = [`image: ${image}`, `command: [node, -e, ${JSON.stringify(ROLE_SERVICE_JS)}]`, ...(config.observe.length > 0 ? ["observe:", ...config.observe] : []), ""].join("\n");
  writeFileSync(file, content);
  let out: Record<string, number> = {};
  let events = 0;
  const result = await runSession(
    {
      env: process.env,
      version: packageVersion(),
      scenario: "bench-observers",
      seed: 0,
      spec: { ...DEFAULT_ENSEMBLE, size: 1 },
      candidates: { choice: fileCandidate(file, content), count: 3, sessionTimeoutMs: 6000, electionPath: RUN_DEFAULTS.electionPath },
      needNetutil: false,
      runsRoot: dir,
      keep: false,
      quorumTimeoutMs: 90_000,
      observeIntervalMs: RUN_DEFAULTS.observeIntervalMs,
      progress: (m) => process.stderr.write(`[bench:observers] ${m}\n`),
      signal: new AbortController().signal,
      onEvent: () => {
        events += 1;
      },
    },
    async () => {
      await new Promise((r) => setTimeout(r, 2000));
      const lateness: number[] = [];
      const cpu0 = process.cpuUsage();
      const m0 = machineTicks();
      const e0 = events;
      const t0 = performance.now();
      let expected = t0 + 100;
      await new Promise<void>((resolve) => {
        const tick = (): void => {
          const now = performance.now();
          lateness.push(now - expected);
          if (now - t0 >= seconds * 1000) return resolve();
          expected = now + 100;
          setTimeout(tick, 100);
        };
        setTimeout(tick, 100);
      });
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const m1 = machineTicks();
      const cores = Number(readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length ?? 1);
      out = {
        harnessCorePct: ((cpu.user + cpu.system) / 1000 / wall) * 100,
        machineCores: ((m1.busy - m0.busy) / (m1.total - m0.total)) * cores,
        timerP50: percentile(lateness, 50),
        timerP99: percentile(lateness, 99),
        eventsPerS: ((events - e0) / wall) * 1000,
      };
    },
  );
  out["bringUpS"] = result.timings.bringUpMs / 1000;
  return out;
}

async function main(): Promise<void> {
  const seconds = Number(argValue("--seconds") ?? 20);
  const { docker } = await connectDocker(process.env);
  await ensureImages(docker, [IMAGES.zookeeper, IMAGES["candidate-node"]], packageVersion(), { progress: (m) => process.stderr.write(`[images] ${m}\n`), buildArgs: hostBuildArgs(process.env) });
  const image = imageTag(IMAGES["candidate-node"], packageVersion());
  const rows: Array<[string, Record<string, number>]> = [];
  for (const c of CONFIGS) rows.push([c.name, await measure(c, image, seconds)]);
  const f = (n: number | undefined, d = 1): string => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(d));
  console.log(`\nbench:observers: 3 candidates, 1 ZooKeeper server, ${seconds} s window per row (machine: ${readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length ?? "?"} cores)`);
  console.log("| observers | harness CPU (% of one core) | machine busy (cores) | 100 ms timer late p50 / p99 (ms) | events/s |");
  console.log("|---|---|---|---|---|");
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${f(r["harnessCorePct"])} | ${f(r["machineCores"], 2)} | ${f(r["timerP50"])} / ${f(r["timerP99"])} | ${f(r["eventsPerS"])} |`);
  }
  console.log(`(median harness CPU over the observed rows: ${f(median(rows.slice(1).map(([, r]) => r["harnessCorePct"] ?? Number.NaN)))} %)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
