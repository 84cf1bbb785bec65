import { closeSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * A seeded generator of realistic history v1 files for benchmarks (docs/history-format.md).
 *
 * Cast: 5 candidates c1..c5, a 3-server ZooKeeper ensemble zk1..zk3, the nemesis. The simulation
 * keeps the election correct (follower of the old leader before the leader event of the next, with
 * increasing zxid-like hex tokens) except for the violations it plants on purpose:
 * - `overlaps` split brains: the leader is partitioned, another candidate takes over with a newer
 *   token while the old one still believes it leads for 0.3..1.5 s, then it steps down;
 * - one long leaderless stretch (45..60 s) where a leader is expected (no fault excuses it).
 * Every other leaderless period is short (< 6 s) or covered by a fault with `expectLeader: false`.
 *
 * All `t` are distinct and increase; a small fraction of lines is swapped with the next one, so a
 * reader that sorts stably by `t` sees exactly the simulated order again.
 *
 * Pure: the same options give the same lines. `writeHistoryFile` streams them to a file in chunks.
 */
export interface GenerateOptions {
  seed: number;
  /** Event lines to generate (the header is one line more). */
  events: number;
  /** Split brains to plant (default 3). */
  overlaps?: number;
  /** Whether to plant the long leaderless stretch (default true). */
  leaderless?: boolean;
  /** Fraction of lines swapped with the next one (default 0.001). */
  outOfOrder?: number;
  startedAt?: string;
}

/** What a generated history holds; complete once every line has been taken. */
export interface GeneratedStats {
  lines: number;
  events: number;
  /** Split brains planted and completed (the checker must report exactly these). */
  overlaps: number;
  /** Long leaderless stretches planted and completed. */
  leaderless: number;
  /** Lines written after a line with a greater `t`. */
  outOfOrder: number;
  endT: number;
  /** Event lines per `type`. */
  mix: Record<string, number>;
}

/** Bumped whenever the output for a given seed changes (cached benchmark files are then stale). */
export const GENERATOR_VERSION = 1;

const CANDIDATES = ["c1", "c2", "c3", "c4", "c5"] as const;
const ZK = ["zk1", "zk2", "zk3"] as const;
const NONE = -1;

/** sfc32: small, fast, good enough for simulations; seeded through splitmix32. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  const next32 = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = next32();
  let b = next32();
  let c = next32();
  let d = next32();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

interface Scheduled {
  at: number; // µs
  run: () => void;
}

interface ActiveFault {
  expectLeader: boolean;
}

const LOG_TEMPLATES: Array<(n: number, r: () => number) => string> = [
  (n) => `acquired lock /splitbrain/election/n_${String(n).padStart(10, "0")}`,
  (n, r) => `session 0x${(0x1000000 + n).toString(16)} heartbeat ok (${Math.floor(r() * 40)} ms)`,
  (n) => `watch fired: NodeDeleted /splitbrain/election/n_${String(n).padStart(10, "0")}`,
  (n) => `applied write seq=${n}`,
  (n, r) => `lease "renewed" for ${(r() * 10).toFixed(1)} s ✓ (#${n})`,
  () => `checking predecessor in /splitbrain/election`,
  (n, r) => `gc pause ${Math.floor(r() * 120)} ms`,
];

const NEMESIS_LOG = [
  "scheduler: next fault drawn",
  "iptables rules verified",
  "docker inspect ok",
  "heal verified: all nodes reachable",
];

/** The generator: `lines()` yields the header and then exactly `events` event lines (no "\n"). */
export class HistoryGenerator {
  readonly stats: GeneratedStats;
  private readonly r: () => number;
  private readonly count: number;
  private readonly startedAtMs: number;
  private readonly startedAt: string;
  private readonly outOfOrderP: number;
  private readonly seed: number;

  // simulation state
  private now = 0; // µs since startedAt
  private emitted = 0;
  private queue: string[] = [];
  private schedule: Scheduled[] = [];
  private readonly alive = [true, true, true, true, true];
  private readonly skew = CANDIDATES.map(() => 0);
  private readonly conn: string[] = CANDIDATES.map(() => "connected");
  private leader = NONE;
  private leaderToken = "";
  private pinned = NONE; // the deposed leader of a planted split brain, until it steps down
  private busy = true; // a leadership change is under way
  private quorumLost = false;
  private noExcuses = false; // no expectLeader:false fault may start (planted leaderless stretch)
  private downCount = 0;
  private zkEpoch = 1;
  private zkLeader = 0;
  private zxid = 0;
  private faultSeq = 0;
  private logSeq = 0;
  private readonly faults = new Map<string, ActiveFault>();
  private readonly plantOverlapAt: number[];
  private plantLeaderlessAt: number;

  constructor(options: GenerateOptions) {
    this.seed = options.seed;
    this.r = rng(options.seed);
    this.count = options.events;
    this.startedAt = options.startedAt ?? "2026-01-05T09:00:00.000Z";
    this.startedAtMs = Date.parse(this.startedAt);
    this.outOfOrderP = options.outOfOrder ?? 0.001;
    const overlaps = options.overlaps ?? 3;
    // spread the planted violations over the history, by event index
    this.plantOverlapAt = Array.from({ length: overlaps }, (_, i) => Math.floor((this.count * (i + 1)) / (overlaps + 1.5)));
    this.plantLeaderlessAt = options.leaderless === false ? Infinity : Math.floor(this.count * 0.62);
    for (let i = 0; i < CANDIDATES.length; i++) this.skew[i] = Math.floor(this.r() * 80) - 40;
    this.stats = { lines: 0, events: 0, overlaps: 0, leaderless: 0, outOfOrder: 0, endT: 0, mix: {} };
  }

  /** The header and `events` event lines, in file order. */
  *lines(): Generator<string, GeneratedStats, undefined> {
    const header = {
      type: "meta",
      v: 1,
      run: `bench-${this.seed}-${this.count}`,
      scenario: "bench-synthetic",
      seed: this.seed,
      startedAt: this.startedAt,
      generator: { name: "splitbrain bench", version: GENERATOR_VERSION },
      candidates: [...CANDIDATES],
      ensemble: [...ZK],
      config: { sessionTimeoutMs: 6000, electionPath: "/splitbrain/election" },
    };
    this.stats.lines = 1;
    yield JSON.stringify(header);

    let held: string | undefined;
    this.startup();
    while (this.emitted < this.count || this.queue.length > 0) {
      if (this.queue.length === 0) this.step();
      const q = this.queue;
      this.queue = [];
      for (const line of q) {
        if (held === undefined && this.r() < this.outOfOrderP) {
          held = line;
          continue;
        }
        this.stats.lines += 1;
        yield line;
        if (held !== undefined) {
          this.stats.lines += 1;
          this.stats.outOfOrder += 1;
          yield held;
          held = undefined;
        }
      }
    }
    if (held !== undefined) {
      this.stats.lines += 1;
      yield held;
    }
    return this.stats;
  }

  // ---- output ------------------------------------------------------------------------------

  /** Advances the clock by 0.5..199.5 ms (mean 100 ms) and returns the new `t` as JSON text. */
  private tick(): string {
    this.now += 500 + Math.floor(this.r() * 199_000);
    const t = this.now / 1000;
    if (t > this.stats.endT) this.stats.endT = t;
    return String(t);
  }

  private ct(c: number): number {
    return this.startedAtMs + Math.floor(this.now / 1000) + (this.skew[c] as number);
  }

  private emit(type: string, body: (t: string) => string): void {
    if (this.emitted >= this.count) return; // the history ends here
    this.emitted += 1;
    this.stats.events += 1;
    this.stats.mix[type] = (this.stats.mix[type] ?? 0) + 1;
    this.queue.push(body(this.tick()));
  }

  private get done(): boolean {
    return this.emitted >= this.count;
  }

  private leaderLine(c: number, token: string): void {
    this.emit("leader", (t) => `{"t":${t},"node":"${CANDIDATES[c]}","type":"leader","token":"${token}","ct":${this.ct(c)}}`);
  }

  private followerLine(c: number): void {
    this.emit("follower", (t) => `{"t":${t},"node":"${CANDIDATES[c]}","type":"follower","ct":${this.ct(c)}}`);
  }

  private connLine(c: number, state: string): void {
    this.conn[c] = state;
    this.emit("conn", (t) => `{"t":${t},"node":"${CANDIDATES[c]}","type":"conn","state":"${state}","ct":${this.ct(c)}}`);
  }

  private zkLine(z: number, role: string): void {
    const epoch = role === "looking" || role === "down" ? "" : `,"epoch":${this.zkEpoch}`;
    this.emit("zk-role", (t) => `{"t":${t},"node":"${ZK[z]}","type":"zk-role","role":"${role}"${epoch}}`);
  }

  private logLine(node: string, msg: string, c = NONE): void {
    const ct = c === NONE ? "" : `,"ct":${this.ct(c)}`;
    this.emit("log", (t) => `{"t":${t},"node":"${node}","type":"log","msg":${JSON.stringify(msg)}${ct}}`);
  }

  private upLine(c: number): void {
    this.emit("up", (t) => `{"t":${t},"node":"${CANDIDATES[c]}","type":"up"}`);
  }

  private downLine(c: number, reason: string): void {
    this.emit("down", (t) => `{"t":${t},"node":"${CANDIDATES[c]}","type":"down","reason":"${reason}","exitCode":137}`);
  }

  private faultLine(id: string, kind: string, targets: readonly string[], expectLeader: boolean): void {
    this.faults.set(id, { expectLeader });
    const list = targets.map((x) => `"${x}"`).join(",");
    this.emit(
      "fault",
      (t) => `{"t":${t},"node":"nemesis","type":"fault","id":"${id}","fault":"${kind}","targets":[${list}],"expectLeader":${expectLeader}}`,
    );
  }

  private healLine(id: string): void {
    this.faults.delete(id);
    this.emit("heal", (t) => `{"t":${t},"node":"nemesis","type":"heal","id":"${id}"}`);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private int(n: number): number {
    return Math.floor(this.r() * n);
  }

  /** µs between lo and hi ms. */
  private ms(lo: number, hi: number): number {
    return Math.floor((lo + this.r() * (hi - lo)) * 1000);
  }

  private at(delayUs: number, run: () => void): void {
    this.schedule.push({ at: this.now + delayUs, run });
  }

  /** A random live candidate other than the leader and `except`, or NONE. */
  private pick(except = NONE): number {
    const options: number[] = [];
    for (let c = 0; c < CANDIDATES.length; c++) {
      if (this.alive[c] && c !== this.leader && c !== this.pinned && c !== except) options.push(c);
    }
    return options.length === 0 ? NONE : (options[this.int(options.length)] as number);
  }

  private nextToken(): string {
    this.zxid += 1 + this.int(40);
    return `0x${(this.zkEpoch * 0x1_0000_0000 + this.zxid).toString(16)}`;
  }

  private newFaultId(): string {
    this.faultSeq += 1;
    return `f${this.faultSeq}`;
  }

  // ---- the simulation ----------------------------------------------------------------------

  private startup(): void {
    for (let z = 0; z < ZK.length; z++) this.zkLine(z, "looking");
    for (let z = 0; z < ZK.length; z++) this.zkLine(z, z === this.zkLeader ? "leading" : "following");
    for (let c = 0; c < CANDIDATES.length; c++) this.upLine(c);
    for (let c = 0; c < CANDIDATES.length; c++) this.connLine(c, "connected");
    this.at(this.ms(50, 400), () => this.elect(NONE));
  }

  /** A new leader among the live candidates (not `previous` when possible); ends a change. */
  private elect(previous: number, after?: () => void): void {
    if (this.quorumLost) throw new Error("generator bug: election without quorum");
    let c = this.pick(previous);
    if (c === NONE) c = this.pick();
    if (c === NONE) {
      this.at(this.ms(200, 1000), () => this.elect(previous, after));
      return;
    }
    this.leader = c;
    this.leaderToken = this.nextToken();
    this.leaderLine(c, this.leaderToken);
    this.busy = false;
    after?.();
  }

  /** One step: the earliest due scheduled action, or else a background event. */
  private step(): void {
    if (this.done) return;
    let due = -1;
    for (let i = 0; i < this.schedule.length; i++) {
      const s = this.schedule[i] as Scheduled;
      if (s.at <= this.now && (due === -1 || s.at < (this.schedule[due] as Scheduled).at)) due = i;
    }
    if (due !== -1) {
      const [s] = this.schedule.splice(due, 1);
      (s as Scheduled).run();
      return;
    }
    if (this.plantOverlapAt.length > 0 && this.emitted >= (this.plantOverlapAt[0] as number) && this.canPlant()) {
      this.plantOverlapAt.shift();
      this.plantOverlap();
      return;
    }
    if (this.emitted >= this.plantLeaderlessAt && this.canPlant() && ![...this.faults.values()].some((f) => !f.expectLeader)) {
      this.plantLeaderlessAt = Infinity;
      this.plantLeaderless();
      return;
    }
    const x = this.r() * 100;
    if (x < 24) this.leadershipEvent();
    else if (x < 55) this.connEvent();
    else if (x < 77) this.zkEvent();
    else if (x < 90) this.logEvent();
    else if (x < 96.5) this.downEvent();
    else this.faultEvent();
  }

  private canPlant(): boolean {
    return !this.busy && this.leader !== NONE && !this.quorumLost;
  }

  private leadershipEvent(): void {
    const x = this.r();
    if (x < 0.25 && !this.busy && this.leader !== NONE) {
      // voluntary handover: the leader steps down, another candidate wins the next election
      const old = this.leader;
      this.busy = true;
      this.logLine(CANDIDATES[old] as string, "releasing leadership (rebalance)", old);
      this.followerLine(old);
      this.leader = NONE;
      this.at(this.ms(50, 1500), () => this.elect(old));
    } else if (x < 0.4 && this.leader !== NONE) {
      // the leader reports again with the same token (after a reconnect): the same leadership
      this.leaderLine(this.leader, this.leaderToken);
    } else {
      const c = this.pick();
      if (c !== NONE) this.followerLine(c);
      else this.logEvent();
    }
  }

  private connEvent(): void {
    const live: number[] = [];
    for (let c = 0; c < CANDIDATES.length; c++) if (this.alive[c]) live.push(c);
    const c = live[this.int(live.length)] as number;
    const x = this.r();
    switch (this.conn[c]) {
      case "connected":
        this.connLine(c, x < 0.08 && c !== this.leader && c !== this.pinned ? "suspended" : "connected");
        break;
      case "suspended":
        this.connLine(c, x < 0.9 ? "connected" : "lost");
        break;
      case "lost":
        this.connLine(c, "expired");
        break;
      default:
        this.connLine(c, "connected");
    }
  }

  private zkEvent(): void {
    if (this.r() < 0.002 && !this.quorumLost) {
      // a ZooKeeper leader election: a new epoch (tokens keep increasing: the epoch is the high word)
      for (let z = 0; z < ZK.length; z++) this.zkLine(z, "looking");
      this.zkEpoch += 1;
      this.zxid = 0;
      this.zkLeader = this.int(ZK.length);
      for (let z = 0; z < ZK.length; z++) this.zkLine(z, z === this.zkLeader ? "leading" : "following");
      return;
    }
    const z = this.int(ZK.length);
    this.zkLine(z, this.quorumLost && z !== 2 ? "looking" : z === this.zkLeader ? "leading" : "following");
  }

  private logEvent(): void {
    this.logSeq += 1;
    if (this.r() < 0.1) {
      this.logLine("nemesis", NEMESIS_LOG[this.int(NEMESIS_LOG.length)] as string);
      return;
    }
    const c = this.int(CANDIDATES.length);
    const template = LOG_TEMPLATES[this.int(LOG_TEMPLATES.length)] as (n: number, r: () => number) => string;
    this.logLine(CANDIDATES[c] as string, template(this.logSeq, this.r), c);
  }

  private downEvent(): void {
    if (this.downCount >= 2) return this.logEvent();
    if (!this.busy && this.leader !== NONE && this.r() < 0.15) {
      // the leader dies: its leadership ends with the down event; a new leader within 0.5..5 s
      const old = this.leader;
      this.busy = true;
      this.kill(old, "killed");
      this.leader = NONE;
      this.at(this.ms(500, 5000), () => this.elect(old));
      return;
    }
    const c = this.pick();
    if (c === NONE) return this.logEvent();
    this.kill(c, this.r() < 0.8 ? "killed" : "exited");
  }

  private kill(c: number, reason: string): void {
    this.alive[c] = false;
    this.downCount += 1;
    this.downLine(c, reason);
    this.at(this.ms(1000, 8000), () => {
      this.alive[c] = true;
      this.downCount -= 1;
      this.upLine(c);
      this.at(this.ms(100, 800), () => {
        if (!this.alive[c]) return;
        this.connLine(c, "connected");
        if (c !== this.leader && c !== this.pinned) this.followerLine(c);
      });
    });
  }

  private faultEvent(): void {
    const x = this.r();
    const id = this.newFaultId();
    if (x < 0.12 && !this.busy && this.leader !== NONE && !this.quorumLost && !this.noExcuses) {
      // quorum loss: no leader expected; the leader steps down, elections wait for the heal
      const old = this.leader;
      this.busy = true;
      this.quorumLost = true;
      this.faultLine(id, "partition", ["zk1", "zk2"], false);
      this.at(this.ms(200, 2000), () => {
        this.connLine(old, "suspended");
        this.followerLine(old);
        this.leader = NONE;
        this.at(this.ms(3000, 20000), () => {
          this.healLine(id);
          this.quorumLost = false;
          this.at(this.ms(500, 4000), () => this.elect(old));
        });
      });
      return;
    }
    if (x < 0.25 && !this.noExcuses) {
      const c = this.pick();
      if (c === NONE) return this.logEvent();
      this.faultLine(id, "clock-skew", [CANDIDATES[c] as string], false);
      this.at(this.ms(1000, 10000), () => this.healLine(id));
      return;
    }
    const kinds = ["partition", "pause", "packet-loss", "zk-partition"] as const;
    const kind = kinds[this.int(kinds.length)] as (typeof kinds)[number];
    let targets: string[];
    if (kind === "zk-partition") targets = [ZK[this.int(ZK.length)] as string];
    else if (kind === "packet-loss") targets = [CANDIDATES[this.int(CANDIDATES.length)] as string];
    else {
      const c = this.pick();
      if (c === NONE) return this.logEvent();
      targets = [CANDIDATES[c] as string];
    }
    this.faultLine(id, kind, targets, true);
    this.at(this.ms(1000, 8000), () => this.healLine(id));
  }

  /** A split brain: the leader is cut off, a newer leader is elected before the old one steps down. */
  private plantOverlap(): void {
    const old = this.leader;
    this.busy = true;
    this.pinned = old;
    const id = this.newFaultId();
    this.faultLine(id, "partition", [CANDIDATES[old] as string], true);
    this.at(this.ms(1500, 3000), () => {
      this.leader = NONE;
      const next = this.pick(old);
      if (next === NONE) throw new Error("generator bug: no candidate to take over");
      this.leader = next;
      this.leaderToken = this.nextToken();
      this.leaderLine(next, this.leaderToken);
      this.at(this.ms(300, 1500), () => {
        this.connLine(old, "suspended");
        this.logLine(CANDIDATES[old] as string, "session suspended; stepping down", old);
        const before = this.emitted;
        this.followerLine(old);
        if (this.emitted > before) this.stats.overlaps += 1;
        this.pinned = NONE;
        this.busy = false;
        this.at(this.ms(2000, 6000), () => this.healLine(id));
      });
    });
  }

  /** A leader steps down and nobody takes over for 45..60 s, with no fault to excuse it. */
  private plantLeaderless(): void {
    const old = this.leader;
    this.busy = true;
    this.noExcuses = true;
    this.logLine(CANDIDATES[old] as string, "election watch lost; stepping down", old);
    this.followerLine(old);
    this.leader = NONE;
    this.at(this.ms(45_000, 60_000), () => {
      const before = this.emitted;
      this.elect(old, () => {
        this.noExcuses = false;
        if (this.emitted > before) this.stats.leaderless += 1;
      });
    });
  }
}

/** All lines of a generated history (small histories, tests). */
export function generateHistory(options: GenerateOptions): { lines: string[]; stats: GeneratedStats } {
  const gen = new HistoryGenerator(options);
  return { lines: [...gen.lines()], stats: gen.stats };
}

/**
 * Streams a generated history to `path` in ~1 MiB chunks (never one big string). Writes to a
 * temporary file first and renames it, so an interrupted run leaves no half file behind.
 */
export function writeHistoryFile(path: string, options: GenerateOptions, chunkBytes = 1 << 20): GeneratedStats & { bytes: number } {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  let bytes = 0;
  try {
    const gen = new HistoryGenerator(options);
    let parts: string[] = [];
    let size = 0;
    const flush = (): void => {
      parts.push("");
      const buf = Buffer.from(parts.join("\n"), "utf8");
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
      bytes += buf.length;
      parts = [];
      size = 0;
    };
    for (const line of gen.lines()) {
      parts.push(line);
      size += line.length + 1;
      if (size >= chunkBytes) flush();
    }
    if (parts.length > 0) flush();
    closeSync(fd);
    renameSync(tmp, path);
    return { ...gen.stats, bytes };
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp);
    } catch {
      // not there
    }
    throw err;
  }
}
