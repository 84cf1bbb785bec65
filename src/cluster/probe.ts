import { connect } from "node:net";
import { parseSrvr, type ServerStatus } from "./srvr.js";

/**
 * Sends a four-letter word to a ZooKeeper server and returns the whole answer. The server
 * closes the connection after answering. Rejects on connection errors and on timeout.
 */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${word} to ${host}:${port}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("connect", () => socket.end(word));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
  });
}

/** The server's role by `srvr`; "down" when it does not answer at all. */
export async function probeServer(host: string | undefined, port: number, timeoutMs = 1000): Promise<ServerStatus> {
  if (host === undefined) return { role: "down", error: "no address" };
  try {
    return parseSrvr(await fourLetterWord(host, port, "srvr", timeoutMs));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { role: "down", error: e.code ?? e.message };
  }
}
