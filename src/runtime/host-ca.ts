import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const LOCAL_CA_DIR = "/usr/local/share/ca-certificates";

/**
 * Extra CA certificates for npm inside image builds: SB_EXTRA_CA_CERTS (PEM text or a file
 * path), else the host's locally added CAs (/usr/local/share/ca-certificates/*.crt), which is
 * where a TLS-intercepting proxy's CA lives. Undefined when there are none.
 */
export function extraCaCerts(env: NodeJS.ProcessEnv, dir = LOCAL_CA_DIR): string | undefined {
  const given = env["SB_EXTRA_CA_CERTS"];
  if (given !== undefined && given !== "") {
    return given.includes("-----BEGIN") ? given : readFileSync(given, "utf8");
  }
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".crt")).sort();
  } catch {
    return undefined;
  }
  if (files.length === 0) return undefined;
  return files.map((f) => readFileSync(join(dir, f), "utf8").trim()).join("\n");
}

/** Build arguments every image build gets from the host. */
export function hostBuildArgs(env: NodeJS.ProcessEnv): Record<string, string> {
  const ca = extraCaCerts(env);
  return ca === undefined ? {} : { EXTRA_CA_CERTS: ca };
}
