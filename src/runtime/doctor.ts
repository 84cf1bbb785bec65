import { InconclusiveError } from "../errors/index.js";
import { connectDocker, describeEndpoint } from "./docker/client.js";
import { imageState, inspectImage } from "./docker/image-builder.js";
import { currentOwner, ownerLabels } from "./labels.js";
import { checkNetAdmin } from "./docker/net-admin.js";
import { hasCommand, probeKernelFeature } from "./kernel-features.js";
import { BOOTSTRAP_BASE, DEFAULT_BASE, IMAGE_NAMES, IMAGES, imageTag } from "./images.js";

export interface DoctorCheck {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
  /** The command or step that fixes it. */
  fix?: string;
}


/** What is missing to run splitbrain here, each problem with its fix. */
export async function runDoctor(env: NodeJS.ProcessEnv, version: string): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const major = Number(process.versions.node.split(".")[0]);
  checks.push(
    major >= 20
      ? { name: "node", status: "ok", detail: `Node.js ${process.versions.node}` }
      : { name: "node", status: "fail", detail: `Node.js ${process.versions.node} is too old`, fix: "Install Node.js 20 or newer." },
  );
  // netem (the delay fault) is probed on the host first, and again in the NET_ADMIN helper when that runs.
  const host = probeKernelFeature("netem", env);
  let netem: DoctorCheck = {
    name: "netem",
    status: host.state === "available" ? "ok" : "warn",
    detail: `${host.state === "available" ? "available" : host.state === "missing" ? "not available: scenarios with a delay fault are refused (exit 2)" : "unknown"}: ${host.detail}`,
    ...(host.state === "available" ? {} : { fix: "Only the delay fault needs it: a kernel with sch_netem (CONFIG_NET_SCH_NETEM), or scenarios without delay" }),
  };
  let connected: Awaited<ReturnType<typeof connectDocker>>;
  try {
    connected = await connectDocker(env);
  } catch (err) {
    const e = err as InconclusiveError;
    checks.push({ name: "docker", status: "fail", detail: e.message, fix: "sudo bash scripts/setup-docker.sh   (Debian: installs and starts docker.io), or start Docker / set DOCKER_HOST" });
    checks.push(netem);
    return checks;
  }
  const { docker, engine } = connected;
  checks.push({ name: "docker", status: "ok", detail: `engine ${engine.version} (API ${engine.apiVersion}, ${engine.os}/${engine.arch}) at ${describeEndpoint(env)}` });

  const base = (await inspectImage(docker, DEFAULT_BASE)) ?? (await inspectImage(docker, BOOTSTRAP_BASE));
  const baseRef = (await inspectImage(docker, DEFAULT_BASE)) !== undefined ? DEFAULT_BASE : BOOTSTRAP_BASE;
  const canBootstrap = process.platform === "linux" && process.getuid?.() === 0;
  if (base === undefined) {
    checks.push({
      name: "base image",
      status: canBootstrap ? "ok" : "warn",
      detail: canBootstrap
        ? `no Debian base yet: the first build pulls ${DEFAULT_BASE} or makes ${BOOTSTRAP_BASE} with debootstrap${hasCommand("debootstrap") ? "" : " (installed on demand)"}`
        : `no Debian base, and debootstrap needs Linux and root; the first build must pull ${DEFAULT_BASE}`,
      ...(canBootstrap ? {} : { fix: `docker pull ${DEFAULT_BASE}   (or: sudo bash scripts/bootstrap-base.sh)` }),
    });
  } else {
    checks.push({ name: "base image", status: "ok", detail: `${baseRef} present` });
  }

  for (const name of IMAGE_NAMES) {
    const def = IMAGES[name];
    const tag = imageTag(def, version);
    if (base === undefined) {
      checks.push({ name: `image ${name}`, status: "warn", detail: `${tag} not built; \`splitbrain run\` builds it on first use`, fix: "splitbrain images build" });
      continue;
    }
    const st = await imageState(docker, def, version, { ref: baseRef, id: base.id, how: "present" });
    checks.push(
      st.state === "up-to-date"
        ? { name: `image ${name}`, status: "ok", detail: `${tag} built and current` }
        : {
            name: `image ${name}`,
            status: "warn",
            detail: `${tag} ${st.state === "missing" ? "not built" : "out of date"}; \`splitbrain run\` builds it on first use`,
            fix: `splitbrain images build ${name}`,
          },
    );
  }

  const netutil = imageTag(IMAGES.netutil, version);
  if ((await inspectImage(docker, netutil)) === undefined) {
    checks.push({ name: "NET_ADMIN helper", status: "warn", detail: `not checked: ${netutil} is not built`, fix: "splitbrain images build netutil && splitbrain doctor" });
  } else {
    try {
      const r = await checkNetAdmin(docker, netutil, ownerLabels(currentOwner(`doctor-${process.pid}`)));
      if (r.netem !== undefined) {
        netem = r.netem.ok
          ? { name: "netem", status: "ok", detail: `available: ${r.netem.detail}` }
          : { ...netem, status: "warn", detail: `not available: scenarios with a delay fault are refused (exit 2) when the host probe agrees, else fail at injection: ${r.netem.detail}; on the host: ${host.detail}` };
      }
      checks.push(
        r.ok
          ? { name: "NET_ADMIN helper", status: "ok", detail: r.detail }
          : { name: "NET_ADMIN helper", status: "fail", detail: r.detail, fix: "Run as a user allowed to add NET_ADMIN containers; on rootless Docker, partitions are not supported." },
      );
    } catch (err) {
      checks.push({ name: "NET_ADMIN helper", status: "fail", detail: `could not start a helper: ${(err as Error).message}`, fix: "Check the engine's logs; `splitbrain gc` removes leftovers." });
    }
  }
  checks.push(netem);
  return checks;
}
