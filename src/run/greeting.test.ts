import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readGreeting } from "./greeting.js";

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

async function listen(say: string): Promise<number> {
  server = createServer((c) => c.end(say));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

describe("readGreeting", () => {
  it("is reached only when the program's own line comes back", async () => {
    const port = await listen("splitbrain-reach 1234\n");
    expect(await readGreeting("127.0.0.1", port, "splitbrain-reach 1234", 2000)).toEqual({ reached: true });
  });

  it("another answer on the port is not the probe: not reached, saying what came", async () => {
    const port = await listen("SSH-2.0-OpenSSH\n");
    const r = await readGreeting("127.0.0.1", port, "splitbrain-reach 1234", 500);
    expect(r).toEqual({ reached: false, how: 'an answer that is not the probe\'s ("SSH-2.0-OpenSSH\\n")' });
  });

  it("a port nobody listens on, tried until the time is up, is not reached", async () => {
    const port = await listen("x\n");
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const r = await readGreeting("127.0.0.1", port, "splitbrain-reach 1234", 500);
    expect(r).toEqual({ reached: false, how: "ECONNREFUSED" });
  });
});
