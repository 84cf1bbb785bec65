import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WITNESS, type WriteMode } from "../history/events.js";
import { parseWriteRequest, WitnessState, type WriteDecision } from "./decide.js";

/** A request body larger than this is refused (413): a write is a few dozen bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface WitnessOptions {
  mode: WriteMode;
  /**
   * Gets every decision, in the order the witness made them, before the writer is answered; the
   * harness stamps `t` and appends it to the history. `receivedAtMs` is the witness's clock when
   * it had the whole request (and decided it). If the sink throws, the writer gets 500 and the
   * write counts for nothing.
   */
  sink: (event: WriteDecision, receivedAtMs: number) => void;
  /** Default 127.0.0.1; the image listens on 0.0.0.0. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The `node` of the events it records (default "witness"). */
  name?: string;
  /** Epoch milliseconds (default Date.now). */
  clock?: () => number;
}

export interface RunningWitness extends AsyncDisposable {
  /** http://host:port */
  url: string;
  port: number;
  mode: WriteMode;
  close(): Promise<void>;
}

/**
 * The witness: an HTTP service that stands for the store leaders write to.
 * - `POST /write` with JSON `{"node":"c1","token":"0x1","seq":7,"group":"default"}` (token and
 *   group optional): 200 `{"outcome":"accepted"}`, or 409 `{"outcome":"refused","highest":"0x2"}`
 *   (fenced mode; `highest` is absent when nothing with a token was accepted yet); 400
 *   `{"error":"seq: …"}` for a body it cannot read (not recorded).
 * - `GET /health`: 200 `{"mode":"fenced"}`, for a readiness probe.
 * Decisions are made one at a time, when the whole body has arrived, and each is handed to the
 * sink before the answer goes out.
 */
export async function startWitness(options: WitnessOptions): Promise<RunningWitness> {
  const state = new WitnessState(options.mode, options.name ?? WITNESS);
  const clock = options.clock ?? Date.now;
  const server = createServer((req, res) => {
    handle(req, res, state, options.sink, clock);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    port,
    mode: options.mode,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function answer(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse, state: WitnessState, sink: WitnessOptions["sink"], clock: () => number): void {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/health") {
    if (req.method !== "GET" && req.method !== "HEAD") return answer(res, 405, { error: "use GET /health" });
    return answer(res, 200, { mode: state.mode });
  }
  if (path !== "/write") return answer(res, 404, { error: `no such path ${path ?? ""}: POST /write or GET /health` });
  if (req.method !== "POST") return answer(res, 405, { error: "use POST /write with a JSON body" });

  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on("end", () => {
    if (tooLarge) return answer(res, 413, { error: `the body is over ${MAX_BODY_BYTES} bytes` });
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return answer(res, 400, { error: 'the body is not JSON: send {"node":"c1","token":"0x1","seq":1}' });
    }
    const parsed = parseWriteRequest(body);
    if (!parsed.ok) return answer(res, 400, { error: parsed.error });
    const { event, commit } = state.decide(parsed.request);
    try {
      sink(event, clock());
    } catch (err) {
      return answer(res, 500, { error: `the witness could not record the write: ${err instanceof Error ? err.message : String(err)}` });
    }
    commit();
    if (event.outcome === "accepted") return answer(res, 200, { outcome: "accepted" });
    return answer(res, 409, { outcome: "refused", ...(event.highest === undefined ? {} : { highest: event.highest }) });
  });
  req.on("error", () => res.destroy());
}
