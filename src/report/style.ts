import { Chalk, type ChalkInstance } from "chalk";

/** Colours for a stream: none when NO_COLOR is set or the stream is not a terminal. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  const noColor = env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "";
  if (noColor || stream.isTTY !== true) return new Chalk({ level: 0 });
  return new Chalk({ level: env["FORCE_COLOR"] === "0" ? 0 : 1 });
}
