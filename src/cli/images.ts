import { Command } from "commander";
import { UserError } from "../errors/index.js";
import { connectDocker } from "../runtime/docker/client.js";
import { ensureImages, imageState, resolveBase } from "../runtime/docker/image-builder.js";
import { hostBuildArgs } from "../runtime/host-ca.js";
import { IMAGE_NAMES, IMAGES, type ImageName } from "../runtime/images.js";
import type { CliContext } from "./context.js";
import { progressPrinter } from "./progress.js";
import { packageVersion } from "./version.js";
import { isOwnKey } from "../util/own.js";

/** Width of the name column: the longest image name. */
const NAME_WIDTH = Math.max(...IMAGE_NAMES.map((n) => n.length));

function pick(names: string[]): (typeof IMAGES)[ImageName][] {
  if (names.length === 0) return IMAGE_NAMES.map((n) => IMAGES[n]);
  return names.map((n) => {
    if (!isOwnKey(IMAGES, n)) throw new UserError(`unknown image "${n}"`, `Images: ${IMAGE_NAMES.join(", ")}.`);
    return IMAGES[n];
  });
}

export function imagesCommand(ctx: CliContext): Command {
  const images = new Command("images").description("build and list the Docker images splitbrain runs");
  images
    .command("build")
    .description("build the images (all, or the ones named); rebuilds only what changed")
    .argument("[image...]", `any of: ${IMAGE_NAMES.join(", ")}`)
    .option("--base <image>", "Debian bookworm base to build FROM (default: debian:bookworm-slim, else one made with debootstrap)")
    .option("--force", "rebuild even when nothing changed", false)
    .addHelpText(
      "after",
      `
Each image is labelled with a hash of its build context, build arguments and base image: an
image whose hash matches is not rebuilt. Where debian:bookworm-slim cannot be pulled (no
registry) and this is Linux as root, the base is made with debootstrap and imported.
npm inside the builds trusts the host's extra CAs (/usr/local/share/ca-certificates/*.crt)
or SB_EXTRA_CA_CERTS (PEM text or a file), for TLS-intercepting proxies.`,
    )
    .action(async (names: string[], flags: { base?: string; force: boolean }) => {
      const defs = pick(names);
      const { docker } = await connectDocker(ctx.env);
      const progress = progressPrinter(ctx);
      const results = await ensureImages(docker, defs, packageVersion(), {
        progress,
        force: flags.force,
        ...(flags.base !== undefined ? { base: flags.base } : {}),
        ...buildArgsFromEnv(ctx.env),
      });
      for (const [name, r] of results) {
        ctx.stdout.write(`${name.padEnd(NAME_WIDTH)} ${r.tag.padEnd(36)} ${r.status === "built" ? `built in ${r.seconds.toFixed(1)} s` : "up to date"}\n`);
      }
    });
  images
    .command("list")
    .description("show each image and whether it is built and current")
    .action(async () => {
      const { docker } = await connectDocker(ctx.env);
      const base = await resolveBase(docker, { progress: progressPrinter(ctx) });
      for (const def of pick([])) {
        const st = await imageState(docker, def, packageVersion(), base, buildArgsFromEnv(ctx.env).buildArgs ?? {});
        ctx.stdout.write(`${def.name.padEnd(NAME_WIDTH)} ${st.tag.padEnd(36)} ${st.state.padEnd(11)} ${def.description}\n`);
      }
    });
  return images;
}

/** Build arguments from the host (a CA bundle for npm behind a TLS-intercepting proxy). */
export function buildArgsFromEnv(env: NodeJS.ProcessEnv): { buildArgs?: Record<string, string> } {
  const args = hostBuildArgs(env);
  return Object.keys(args).length > 0 ? { buildArgs: args } : {};
}
