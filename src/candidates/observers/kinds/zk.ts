import { z } from "zod";
import type { ObserverKind } from "../kind.js";
import { DEFAULT_POLL_MS, DEFAULT_PROBE_TIMEOUT_MS, name, pollMs, regex, timeoutMs } from "./schema-parts.js";
import { loadZookeeper, ZK, zkErrorCode, type ZkClient, type ZkConstructor } from "../../latch/zk-client.js";
import { withTimeout } from "../../../util/deadline.js";
import { lowestSequential, ownerOf, unknown, zkAnswers, type Answer } from "../judge.js";

/** `zk`: ZooKeeper's own view of the election, read by the harness for the whole fleet at once. */
export const ZkObserverSchema = z
  .strictObject({
    name,
    /** An ephemeral znode whose data names the leader (Patroni: /service/<scope>/leader). */
    leaderKey: z.string().startsWith("/").optional(),
    /** A recipe's election path: the owner of the lowest sequential child leads. */
    electionPath: z.string().startsWith("/").optional(),
    /**
     * How a znode's data names its candidate: a regular expression whose first group (or whole
     * match) is the candidate id. Default: the data, trimmed, is the id.
     */
    owner: regex("zk.owner").optional(),
    pollMs,
    timeoutMs,
  })
  .refine((z) => (z.leaderKey === undefined) !== (z.electionPath === undefined), { message: "give exactly one of leaderKey and electionPath" });

export type ZkObserver = z.infer<typeof ZkObserverSchema>;

/**
 * ZooKeeper's own view of who should lead, read by the harness through the npm `zookeeper`
 * client (the official C client): the node a leader key's data names, or the owner of the
 * lowest sequential child of an election path. One handle for the whole run; a handle the
 * binding closed (expired session) is replaced at the next read.
 */
export class ZkElectionReader {
  private client: ZkClient | undefined;
  private closedAt = 0;
  private disconnectedSince: number | undefined;
  private ctor: ZkConstructor | undefined;

  constructor(
    private readonly spec: ZkObserver,
    /**
     * The connect string as the harness reaches the servers: their current IP addresses, or
     * undefined while none has one (being rebuilt). Never names: the host cannot resolve them,
     * and the C client aborts the process on a connect string it cannot resolve at all.
     */
    private readonly connectString: () => string | undefined,
    private readonly candidates: readonly string[],
    private readonly timeoutMs: number,
  ) {}

  /** One answer per candidate: all unknown when ZooKeeper cannot be asked. */
  async read(): Promise<Map<string, Answer>> {
    const client = this.handle();
    if (client === undefined) return this.allUnknown("no ZooKeeper server to connect to (reconnecting)");
    if (client.state !== ZK.CONNECTED_STATE) {
      // Servers rebuilt (total loss) may have new addresses and refuse the old session: after a
      // while without a connection, start over with a new handle at the current addresses.
      // Not sooner: the C client reconnects to another server by itself, and a handle replaced
      // while it connects coincided with a silent crash of the harness once (not understood).
      this.disconnectedSince ??= Date.now();
      if (Date.now() - this.disconnectedSince > RECONNECT_AFTER_MS) {
        this.close();
        this.closedAt = Date.now();
        this.disconnectedSince = undefined;
      }
      return this.allUnknown(`not connected to ZooKeeper (state ${client.state})`);
    }
    this.disconnectedSince = undefined;
    try {
      const leader = await withTimeout(this.leader(client), this.timeoutMs, `no answer from ZooKeeper within ${this.timeoutMs} ms`);
      return zkAnswers(this.candidates, leader);
    } catch (err) {
      return this.allUnknown(describe(err));
    }
  }

  close(): void {
    const c = this.client;
    this.client = undefined;
    // The binding closes a handle itself on expiry; closing it again crashes the process.
    if (c !== undefined && c.state !== ZK.EXPIRED_SESSION_STATE && c.state !== ZK.AUTH_FAILED_STATE) c.close();
  }

  private async leader(client: ZkClient): Promise<string | undefined> {
    if (this.spec.leaderKey !== undefined) {
      const data = await this.dataOf(client, this.spec.leaderKey);
      return data === undefined ? undefined : ownerOf(data, this.candidates, this.spec.owner);
    }
    const path = this.spec.electionPath as string;
    let children: string[];
    try {
      children = await client.get_children(path, false);
    } catch (err) {
      if (zkErrorCode(err) === ZK.ZNONODE) return undefined; // no election path: nobody leads
      throw err;
    }
    // The lowest child whose owner is known leads; if its data vanished meanwhile, ask again next poll.
    const lowest = lowestSequential(children);
    if (lowest === undefined) return undefined;
    const data = await this.dataOf(client, `${path}/${lowest}`);
    return data === undefined ? undefined : ownerOf(data, this.candidates, this.spec.owner);
  }

  private async dataOf(client: ZkClient, path: string): Promise<string | undefined> {
    try {
      const [, data] = await client.get(path, false);
      return data === null ? "" : data.toString();
    } catch (err) {
      if (zkErrorCode(err) === ZK.ZNONODE) return undefined;
      throw err;
    }
  }

  private handle(): ZkClient | undefined {
    if (this.client !== undefined) return this.client;
    if (Date.now() - this.closedAt < 1000) return undefined;
    const connect = this.connectString();
    if (connect === undefined || connect === "") return undefined;
    this.ctor ??= loadZookeeper();
    // debug_level 0: the C client logs nothing (its stderr lines would run through the CLI's output).
    const c = new this.ctor({ connect, timeout: SESSION_TIMEOUT_MS, debug_level: 0, host_order_deterministic: false });
    c.on("close", () => {
      if (this.client === c) {
        this.client = undefined;
        this.closedAt = Date.now();
      }
    });
    c.init({});
    this.client = c;
    return c;
  }

  private allUnknown(reason: string): Map<string, Answer> {
    return new Map(this.candidates.map((n) => [n, unknown(reason)]));
  }
}

/** How long a handle may go without a connection before it is replaced. */
const RECONNECT_AFTER_MS = 10_000;

/** The session timeout the reader asks for. */
const SESSION_TIMEOUT_MS = 10_000;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const zkKind = {
  kind: "zk",
  schema: ZkObserverSchema,
  pollMs: (s) => s.pollMs ?? DEFAULT_POLL_MS,
  timeoutMs: (s) => s.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
  fleet: (s, ctx) => {
    const reader = new ZkElectionReader(s, ctx.zkConnect, ctx.candidates, s.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    return { read: () => reader.read(), close: () => reader.close() };
  },
} as const satisfies ObserverKind<ZkObserver>;
