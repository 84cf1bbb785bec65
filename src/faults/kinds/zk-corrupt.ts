import { z } from "zod";
import { InconclusiveError } from "../../errors/index.js";
import { defineKind, faultForm, isZkTarget, leaderPossibleWithout, NO_NEEDS, targetList, type ClusterShape, type FieldProblem } from "../kind.js";
import type { FaultEnv } from "../types.js";
import { tell } from "../types.js";
import { sleep } from "../../util/sleep.js";

const WHATS = ["snapshot", "log"] as const;
const HOWS = ["truncate", "garble"] as const;

const schema = faultForm("zk-corrupt", {
  targets: targetList,
  what: z.enum(WHATS, { error: `what to corrupt: ${WHATS.join(" or ")}` }),
  how: z.enum(HOWS, { error: `how to corrupt it: ${HOWS.join(" or ")}` }),
});
export type ZkCorruptSpec = z.infer<typeof schema>;

/** Where the image keeps them (compose/zookeeper, as the official image: dataDir /data, dataLogDir /datalog). */
export const FILES_OF: Record<ZkCorruptSpec["what"], { dir: string; prefix: string }> = {
  snapshot: { dir: "/data/version-2", prefix: "snapshot." },
  log: { dir: "/datalog/version-2", prefix: "log." },
};

/** Bytes garbled: 64 bytes of 0xff right after ZooKeeper's 16-byte file header (magic, version, dbid). */
export const GARBLE_OFFSET = 16;
export const GARBLE_BYTES = 64;

/**
 * Shell script that corrupts the newest snapshot or transaction log in `dir` and prints one
 * report line: `corrupted <path> <size> <dataEnd> <sha256 before> <size after> <sha256 after>`,
 * or exits 3 when there is no such file. `dataEnd` is where the file's data ends: ZooKeeper
 * preallocates its logs with zeros (sparse), so the end is found as the last 16-byte row that is
 * not all zero, within the allocated bytes. `truncate` cuts the file to half its data (never
 * into the 16-byte header); `garble` overwrites 64 bytes after the header with 0xff, which breaks
 * the first record's checksum. Only coreutils (stat, od, truncate, dd, sha256sum).
 */
export function corruptScript(spec: Pick<ZkCorruptSpec, "what" | "how">, dir = FILES_OF[spec.what].dir): string {
  const prefix = FILES_OF[spec.what].prefix;
  return [
    "set -e",
    `d='${dir}'`,
    `f=$(ls -1t "$d" 2>/dev/null | grep '^${prefix.replace(".", "\\.")}' | head -n 1 || true)`,
    `[ -n "$f" ] || { echo "no ${prefix}* file in $d"; exit 3; }`,
    `p="$d/$f"`,
    `size=$(stat -c %s "$p")`,
    `alloc=$(( $(stat -c %b "$p") * $(stat -c %B "$p") ))`,
    `[ "$alloc" -lt "$size" ] || alloc=$size`,
    `rows=$(head -c "$alloc" "$p" | od -An -v -tx1 -w16 | grep -n -v '^\\( 00\\)*$' | tail -n 1 | cut -d: -f1)`,
    `end=$(( \${rows:-0} * 16 )); [ "$end" -le "$size" ] || end=$size`,
    `before=$(sha256sum "$p" | cut -c1-64)`,
    spec.how === "truncate"
      ? `cut=$(( end / 2 )); [ "$cut" -ge ${GARBLE_OFFSET} ] || cut=${GARBLE_OFFSET}; truncate -s "$cut" "$p"`
      : `head -c ${GARBLE_BYTES} /dev/zero | tr '\\000' '\\377' | dd of="$p" bs=1 seek=${GARBLE_OFFSET} conv=notrunc status=none`,
    `echo "corrupted $p $size $end $before $(stat -c %s "$p") $(sha256sum "$p" | cut -c1-64)"`,
  ].join("\n");
}

export interface CorruptReport {
  path: string;
  size: number;
  dataEnd: number;
  before: string;
  sizeAfter: number;
  after: string;
}

/** Reads the script's report line; undefined when there is none. */
export function parseCorruptReport(stdout: string): CorruptReport | undefined {
  const m = /^corrupted (\S+) (\d+) (\d+) ([0-9a-f]{64}) (\d+) ([0-9a-f]{64})$/m.exec(stdout);
  if (m === null) return undefined;
  return { path: m[1] as string, size: Number(m[2]), dataEnd: Number(m[3]), before: m[4] as string, sizeAfter: Number(m[5]), after: m[6] as string };
}

/** How long the restarted server has to serve again before it counts as staying down. */
export const REJOIN_WINDOW_MS = 30_000;

/** What became of the server after its restart, as the run records it. */
export type CorruptOutcome = { rejoined: true; role: string } | { rejoined: false; why: string };

async function watchOutcome(env: FaultEnv, server: string): Promise<CorruptOutcome> {
  const deadline = Date.now() + REJOIN_WINDOW_MS;
  for (;;) {
    const st = await env.ensemble.status(server);
    if (st.role === "leading" || st.role === "following") return { rejoined: true, role: st.role };
    const state = await env.ensemble.server(server).container.state();
    if (!state.running || Date.now() >= deadline) {
      const lines = await env.ensemble.server(server).container.lastLines(40);
      const telling = lines.filter((l) => /ERROR|Exception|Unable|corrupt|CRC|EOF/i.test(l)).slice(-2);
      const why = state.running ? `not serving after ${REJOIN_WINDOW_MS / 1000} s (${st.role})` : `its process exited (code ${state.exitCode})`;
      return { rejoined: false, why: `${why}${telling.length > 0 ? `; its log: ${telling.join(" | ")}` : ""}` };
    }
    await sleep(250);
  }
}

function check(spec: ZkCorruptSpec, cluster: ClusterShape): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (spec.targets.length !== 1) problems.push({ field: "targets", message: "name exactly one server (zk-leader, zk-follower, random-zk or zk1 ...)" });
  spec.targets.forEach((t, i) => {
    if (!isZkTarget(t, cluster) || t === "all-zk") problems.push({ field: `targets.${i}`, message: `"${t}" is not one ZooKeeper server (use zk-leader, zk-follower, random-zk or ${cluster.servers.join(", ")})` });
  });
  return problems;
}

/**
 * Jepsen's file corruption: one server's newest snapshot or transaction log truncated or garbled,
 * then the server killed and started again. The corruption is written by an exec in the running
 * server immediately before its SIGKILL (a stopped container takes no exec; the server never
 * rewrites a finished snapshot, and what it may still append to the log lands past a truncation,
 * where ZooKeeper reads zeros as the log's end, or after the garbled record): what it finds on
 * disk at its start is what it would find had it been corrupted while stopped.
 */
export const zkCorrupt = defineKind({
  name: "zk-corrupt",
  schema,
  summary:
    "truncates (to half its data) or garbles (64 bytes of 0xff after the header) one server's newest snapshot (`/data/version-2`) or transaction log (`/datalog/version-2`), kills it and starts it again; the history records the file's size and checksum before and after, and whether the server rejoined or stayed down, with its log line",
  healSummary: "waits for the outcome; a server that stayed down is rebuilt empty with its myid and started, so it syncs from the leader, and the heal is complete once it serves",
  targetField: "targets",
  runTargets: (spec) => spec.targets,
  check,
  expectLeader: (spec, cluster) => leaderPossibleWithout(spec.targets, cluster),
  describe: (spec) => `zk-corrupt (${spec.how} the ${spec.what}) on ${spec.targets.join(", ")}`,
  needs: NO_NEEDS,
  async inject(env, fault) {
    const server = fault.targets[0];
    if (server === undefined) throw new InconclusiveError(`zk-corrupt ${fault.id}: no server to corrupt`);
    const container = env.ensemble.server(server).container;
    if (!(await container.state()).running) throw new InconclusiveError(`zk-corrupt ${fault.id}: ${server} is not running, so its files cannot be reached`);
    const r = await container.exec(["bash", "-c", corruptScript(fault.spec)], { user: "root", timeoutMs: 60_000 });
    const report = parseCorruptReport(r.stdout);
    if (r.exitCode !== 0 || report === undefined) {
      throw new InconclusiveError(`zk-corrupt ${fault.id}: could not corrupt the ${fault.spec.what} on ${server} (exit ${r.exitCode}): ${(r.stdout + r.stderr).trim()}`);
    }
    await env.ensemble.killServer(server);
    tell(
      env,
      `zk-corrupt ${fault.id}: ${fault.spec.how === "truncate" ? "truncated" : "garbled"} ${report.path} on ${server} (${report.size} bytes, data to ${report.dataEnd}; now ${report.sizeAfter} bytes; sha256 ${report.before.slice(0, 12)} -> ${report.after.slice(0, 12)}), killed it, starting it again`,
    );
    await env.ensemble.startServer(server);
    const outcome = watchOutcome(env, server).then((o) => {
      tell(env, o.rejoined ? `zk-corrupt ${fault.id}: ${server} rejoined (${o.role})` : `zk-corrupt ${fault.id}: ${server} stayed down: ${o.why}`);
      return o;
    });
    outcome.catch(() => undefined);
    return {
      heal: async () => {
        const o = await outcome;
        if (o.rejoined) return;
        if ((await env.ensemble.server(server).container.state()).running) await env.ensemble.killServer(server);
        await env.ensemble.wipeServer(server);
        await env.ensemble.startServer(server);
        const st = await env.ensemble.waitForServer(server, 60_000);
        if (st.role !== "leading" && st.role !== "following") throw new InconclusiveError(`zk-corrupt ${fault.id}: ${server}, rebuilt empty, did not serve again within 60 s (${st.role})`);
        tell(env, `zk-corrupt ${fault.id}: ${server} rebuilt empty (myid kept) and serving again`);
      },
    };
  },
});
