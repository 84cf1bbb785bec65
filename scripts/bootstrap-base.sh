#!/usr/bin/env bash
# Provide a Debian bookworm base image under TAG (default splitbrain/base:bookworm),
# without needing Docker Hub:
#   1. TAG already exists                   -> nothing to do;
#   2. `docker pull debian:bookworm-slim`   -> tag it as TAG;
#   3. Linux + root                         -> debootstrap --variant=minbase bookworm into a
#                                              temp dir and `docker import` it as TAG.
# Idempotent. Env: SB_DEBIAN_MIRROR (default: debootstrap's default mirror),
# SB_PULL_TIMEOUT (seconds, default 60).
set -euo pipefail

TAG=${1:-splitbrain/base:bookworm}
SUITE=bookworm
PULL_REF=debian:bookworm-slim
MIRROR=${SB_DEBIAN_MIRROR:-}
PULL_TIMEOUT=${SB_PULL_TIMEOUT:-60}

say() { printf '[bootstrap-base] %s\n' "$*"; }
die() { printf '[bootstrap-base] ERROR: %s\n' "$*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || die "docker CLI not found (run scripts/setup-docker.sh)"
docker info >/dev/null 2>&1 || die "Docker engine not reachable (run scripts/setup-docker.sh)"

if docker image inspect "$TAG" >/dev/null 2>&1; then
  say "image $TAG already present: nothing to do."
  exit 0
fi

t0=$SECONDS
say "trying: docker pull $PULL_REF (timeout ${PULL_TIMEOUT}s)"
if timeout "$PULL_TIMEOUT" docker pull -q "$PULL_REF" >/dev/null 2>&1; then
  docker tag "$PULL_REF" "$TAG"
  say "pulled $PULL_REF and tagged it $TAG ($((SECONDS - t0))s)"
  exit 0
fi
say "pull failed (no registry reachable?): building $TAG with debootstrap instead"

[[ $(uname -s) == Linux ]] || die "cannot pull $PULL_REF and debootstrap needs Linux; pull or load a Debian bookworm image, then: docker tag <it> $TAG"
[[ $(id -u) -eq 0 ]] || die "cannot pull $PULL_REF and debootstrap needs root; run: sudo $0 $TAG"

if ! command -v debootstrap >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "debootstrap missing and no apt-get to install it"
  say "installing debootstrap ..."
  export DEBIAN_FRONTEND=noninteractive
  # an install may fail on stale lists: update only then
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
fi

ROOTFS=$(mktemp -d "${TMPDIR:-/var/tmp}/sb-rootfs.XXXXXX")
cleanup() { rm -rf --one-file-system "$ROOTFS"; }
trap cleanup EXIT

t1=$SECONDS
say "debootstrap --variant=minbase $SUITE $ROOTFS ${MIRROR} (takes a minute or two) ..."
if ! debootstrap --variant=minbase "$SUITE" "$ROOTFS" ${MIRROR:+"$MIRROR"} >"$ROOTFS.log" 2>&1; then
  tail -n 30 "$ROOTFS.log" >&2
  die "debootstrap failed (full log: $ROOTFS.log)"
fi
rm -f "$ROOTFS.log"
say "debootstrap done in $((SECONDS - t1))s"

# Slim it down like debian:*-slim: no apt lists/caches, no docs/man pages.
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/apt/archives/*.deb \
       "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* \
       "$ROOTFS"/var/log/*.log "$ROOTFS"/tmp/* 2>/dev/null || true
# Same dpkg excludes as the official slim image, so later apt-get installs stay lean.
mkdir -p "$ROOTFS/etc/dpkg/dpkg.cfg.d" "$ROOTFS/etc/apt/apt.conf.d"
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/docker" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
CFG
cat >"$ROOTFS/etc/apt/apt.conf.d/docker-clean" <<'CFG'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CFG
printf 'Acquire::Languages "none";\n' >"$ROOTFS/etc/apt/apt.conf.d/docker-no-languages"
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$ROOTFS/etc/apt/apt.conf.d/docker-no-recommends"

t2=$SECONDS
say "importing $ROOTFS as $TAG ..."
tar --numeric-owner -C "$ROOTFS" -c . | docker import \
  -c 'CMD ["bash"]' -c 'ENV LANG=C.UTF-8' \
  -m "debootstrap --variant=minbase $SUITE (splitbrain bootstrap-base.sh)" - "$TAG" >/dev/null
say "import done in $((SECONDS - t2))s"
say "image $TAG ready ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}')), total $((SECONDS - t0))s"
