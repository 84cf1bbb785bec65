/**
 * Entry of the witness (in the candidate-node image at /opt/sb/app/sb/witness/main.js; `run --witness` starts it). Configured by SB_WITNESS_MODE,
 * SB_WITNESS_PORT and SB_WITNESS_NAME (config.ts). stdout: one JSON line per decision, the
 * history event without `t` plus `ts` (the witness's epoch-ms clock when it decided), for the
 * harness to stamp and append; stderr: what it is doing.
 */
import { startWitness } from "./server.js";
import { WitnessConfigError, witnessConfig } from "./config.js";

async function main(): Promise<void> {
  let config;
  try {
    config = witnessConfig(process.env);
  } catch (err) {
    if (!(err instanceof WitnessConfigError)) throw err;
    process.stderr.write(`witness: bad configuration: ${err.message}\n`);
    process.exitCode = 64;
    return;
  }
  const witness = await startWitness({
    mode: config.mode,
    host: "0.0.0.0",
    port: config.port,
    name: config.name,
    sink: (event, ts) => {
      process.stdout.write(`${JSON.stringify({ ...event, ts })}\n`);
    },
  });
  process.stderr.write(`witness: ${config.mode} on port ${witness.port}\n`);
  const stop = (): void => {
    void witness.close();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
