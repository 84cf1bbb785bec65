import { Socket } from "node:net";

/**
 * Reading a known line from a TCP address: the proof that the harness reaches a container.
 * A connection alone proves little (a firewall on the way can answer for an address); the
 * line comes only from the program the harness started.
 */
export type GreetingResult = { reached: true } | { reached: false; how: string };

/** One attempt: connect to ip:port and read until `line` (true) or anything else, an error or the end. */
function attempt(ip: string, port: number, line: string, timeoutMs: number): Promise<GreetingResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let got = "";
    const done = (r: GreetingResult): void => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(timeoutMs, () => done({ reached: false, how: `no answer within ${timeoutMs} ms` }));
    socket.on("data", (chunk: Buffer) => {
      got += chunk.toString("utf8");
      if (got.includes("\n")) done(got.split("\n")[0] === line ? { reached: true } : { reached: false, how: `an answer that is not the probe's (${JSON.stringify(got.slice(0, 40))})` });
    });
    socket.once("end", () => done({ reached: false, how: got === "" ? "closed without a word" : `an answer that is not the probe's (${JSON.stringify(got.slice(0, 40))})` }));
    socket.once("error", (err: NodeJS.ErrnoException) => done({ reached: false, how: err.code ?? err.message }));
    socket.connect(port, ip);
  });
}

/** Tries until `line` is read or `withinMs` has passed (the listener may still be starting), each try at most `tryMs`. */
export async function readGreeting(ip: string, port: number, line: string, withinMs: number, tryMs = 2000): Promise<GreetingResult> {
  const deadline = Date.now() + withinMs;
  let last: GreetingResult = { reached: false, how: "not tried" };
  while (Date.now() < deadline) {
    last = await attempt(ip, port, line, Math.max(100, Math.min(tryMs, deadline - Date.now())));
    if (last.reached) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}
