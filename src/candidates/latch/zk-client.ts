/**
 * Minimal typed view of the `zookeeper` npm package 7.3.0 (Node binding of the ZooKeeper C client
 * 3.8.0, single-threaded). It is not installed on the host: it is loaded at run time inside the
 * image splitbrain/candidate-node (/opt/sb/node_modules/zookeeper).
 *
 * Event model of the binding (lib/zookeeper.js + src/node-zk.cpp):
 *  - the C client's global watcher gets ZOO_SESSION_EVENT with a state; the binding turns
 *    CONNECTED into `emit("connect")` (on every (re)connection, same or new session),
 *    CONNECTING into `emit("connecting")` (the C client queues it when a CONNECTED handle loses
 *    its socket), EXPIRED_SESSION and AUTH_FAILED into closing the handle itself and
 *    `emit("close", client, -112 | -113)`. ASSOCIATING and the read-only state emit nothing.
 *    `close()` by us also emits "close" (code 0), synchronously. The binding also closes with
 *    -112 on its own after 10 "no response" polls in a row.
 *  - node watchers (`w_exists`, `w_get_children`, ...) are one-shot for node events, but the
 *    C client ALSO calls every registered watcher with each session event (type -1), so a
 *    watcher must filter on its `type`.
 *  - Promise API: results resolve, an rc != 0 rejects with Error("<rc> <zerror text>"); when the
 *    call itself fails (handle closed) it rejects with Error('fn: ... result: "<NAME> <rc>"').
 *  - client_id and stat.ephemeralOwner are the 64-bit ids as lower-case hex without 0x.
 */
import { createRequire } from "node:module";

export interface ZkStat {
  czxid: number;
  mzxid: number;
  pzxid: number;
  version: number;
  cversion: number;
  dataLength: number;
  numChildren: number;
  /** hex without 0x; "0" for persistent nodes */
  ephemeralOwner: string;
}

/** (type, state, path): type -1 session event, 1 created, 2 deleted, 3 changed, 4 child, -2 not watching */
export type ZkWatcher = (type: number, state: number, path: string) => void;

export interface ZkInitConfig {
  connect: string;
  timeout: number;
  debug_level: number;
  host_order_deterministic: boolean;
}

export interface ZkClient {
  init(config: Partial<ZkInitConfig>): ZkClient;
  on(event: "connect" | "connecting", listener: () => void): ZkClient;
  on(event: "close", listener: (client: unknown, code: number) => void): ZkClient;
  close(): unknown;
  /** session id, hex without 0x ("0" before the first connection) */
  readonly client_id: string;
  /** negotiated session timeout in ms (-1 when closed) */
  readonly timeout: number;
  /** C client state: 1 connecting, 2 associating, 3 connected, -112 expired, -113 auth failed, 0 closed/not connected */
  readonly state: number;
  create(path: string, data: string | Buffer, flags: number): Promise<string>;
  exists(path: string, watch: boolean): Promise<ZkStat>;
  w_exists(path: string, watcher: ZkWatcher): Promise<ZkStat>;
  get_children(path: string, watch: boolean): Promise<string[]>;
  get(path: string, watch: boolean): Promise<[ZkStat, Buffer | string | null]>;
  set(path: string, data: string | Buffer, version: number): Promise<ZkStat>;
  delete_(path: string, version: number): Promise<void>;
}

export type ZkConstructor = new (config: ZkInitConfig) => ZkClient;

/** Return codes, session states, event types and create flags of the C client (zookeeper.h). */
export const ZK = {
  ZOK: 0,
  ZCONNECTIONLOSS: -4,
  ZOPERATIONTIMEOUT: -7,
  ZINVALIDSTATE: -9,
  ZNONODE: -101,
  ZBADVERSION: -103,
  ZNODEEXISTS: -110,
  ZNOTEMPTY: -111,
  ZSESSIONEXPIRED: -112,
  ZAUTHFAILED: -115,
  ZCLOSING: -116,
  ZSESSIONMOVED: -118,
  EXPIRED_SESSION_STATE: -112,
  AUTH_FAILED_STATE: -113,
  CONNECTING_STATE: 1,
  ASSOCIATING_STATE: 2,
  CONNECTED_STATE: 3,
  SESSION_EVENT: -1,
  CREATED_EVENT: 1,
  DELETED_EVENT: 2,
  CHANGED_EVENT: 3,
  CHILD_EVENT: 4,
  NOTWATCHING_EVENT: -2,
  PERSISTENT: 0,
  EPHEMERAL: 1,
  EPHEMERAL_SEQUENTIAL: 3,
  LOG_WARN: 2,
} as const;

/** Codes that mean "wait for the next session event", not "retry now". */
export const CONNECTION_CODES: ReadonlySet<number> = new Set([
  ZK.ZCONNECTIONLOSS,
  ZK.ZOPERATIONTIMEOUT,
  ZK.ZINVALIDSTATE,
  ZK.ZSESSIONEXPIRED,
  ZK.ZCLOSING,
  ZK.ZSESSIONMOVED,
]);

const NAME_TO_CODE: Record<string, number> = Object.fromEntries(
  Object.entries(ZK).filter(([k]) => k.startsWith("Z")),
);

/** The C return code carried by an error of the Promise API, if any. */
export function zkErrorCode(err: unknown): number | undefined {
  const msg = err instanceof Error ? err.message : typeof err === "string" ? err : undefined;
  if (msg === undefined) return undefined;
  const lead = /^(-?\d+) /.exec(msg);
  if (lead) return Number(lead[1]);
  const sync = /result: "(\w+) (-?\d+)"/.exec(msg);
  if (sync) return Number(sync[2]);
  const named = /result: "(\w+)/.exec(msg);
  if (named?.[1] !== undefined && Object.hasOwn(NAME_TO_CODE, named[1])) return NAME_TO_CODE[named[1]];
  return undefined;
}

interface ZookeeperModule {
  constants?: Record<string, unknown>;
}

/** Loads the binding (only inside the image) and checks that its constants match ours. */
export function loadZookeeper(): ZkConstructor {
  const require = createRequire(import.meta.url);
  const mod = require("zookeeper") as ZkConstructor & ZookeeperModule;
  const c = mod.constants;
  if (c !== undefined) {
    for (const key of ["ZNONODE", "ZNODEEXISTS", "ZCONNECTIONLOSS", "ZOO_EPHEMERAL_SEQUENTIAL"] as const) {
      const ours = key === "ZOO_EPHEMERAL_SEQUENTIAL" ? ZK.EPHEMERAL_SEQUENTIAL : ZK[key];
      if (c[key] !== ours) throw new Error(`zookeeper binding: constant ${key} is ${String(c[key])}, expected ${ours}`);
    }
  }
  return mod;
}
