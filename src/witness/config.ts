import { WITNESS, WRITE_MODES, type WriteMode } from "../history/events.js";

export const DEFAULT_WITNESS_PORT = 7070;

export interface WitnessConfig {
  mode: WriteMode;
  port: number;
  name: string;
}

export class WitnessConfigError extends Error {}

/**
 * The witness's configuration from its environment (the image's entry point):
 * SB_WITNESS_MODE (plain or fenced, required), SB_WITNESS_PORT (default 7070),
 * SB_WITNESS_NAME (the `node` of its events, default "witness").
 */
export function witnessConfig(env: Record<string, string | undefined>): WitnessConfig {
  const mode = env["SB_WITNESS_MODE"];
  if (mode === undefined || !(WRITE_MODES as readonly string[]).includes(mode)) {
    throw new WitnessConfigError(`SB_WITNESS_MODE must be ${WRITE_MODES.join(" or ")}, got ${mode === undefined ? "nothing" : JSON.stringify(mode)}`);
  }
  const portText = env["SB_WITNESS_PORT"] ?? String(DEFAULT_WITNESS_PORT);
  const port = Number(portText);
  if (!/^[0-9]+$/.test(portText) || port < 1 || port > 65535) {
    throw new WitnessConfigError(`SB_WITNESS_PORT must be a port number (1-65535), got ${JSON.stringify(portText)}`);
  }
  const name = env["SB_WITNESS_NAME"] ?? WITNESS;
  if (name === "") throw new WitnessConfigError("SB_WITNESS_NAME must not be empty");
  return { mode: mode as WriteMode, port, name };
}
