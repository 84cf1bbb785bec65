import { CLIENT_PORT, ELECTION_PORT, QUORUM_PORT, serversOf, type EnsembleSpec } from "./spec.js";

/**
 * zoo.cfg for one server of the ensemble, laid out like the official image (/data, /datalog).
 * The same file serves every server: each knows itself by /data/myid.
 */
export function renderZooCfg(spec: EnsembleSpec): string {
  const lines = [
    "# written by splitbrain",
    `tickTime=${spec.tickTime}`,
    `initLimit=${spec.initLimit}`,
    `syncLimit=${spec.syncLimit}`,
    "dataDir=/data",
    "dataLogDir=/datalog",
    `clientPort=${CLIENT_PORT}`,
    "maxClientCnxns=0",
    "4lw.commands.whitelist=*",
    "admin.enableServer=false",
    "autopurge.purgeInterval=0",
  ];
  if (spec.size > 1) {
    lines.push("standaloneEnabled=false", "quorumListenOnAllIPs=true");
    for (const s of serversOf(spec)) lines.push(`server.${s.id}=${s.name}:${QUORUM_PORT}:${ELECTION_PORT};${CLIENT_PORT}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The content of /data/myid. */
export function renderMyId(id: number): string {
  return `${id}\n`;
}
