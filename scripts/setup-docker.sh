#!/usr/bin/env bash
# Make sure a Docker engine answers `docker info`.
#   - engine already reachable: do nothing (say so);
#   - otherwise, as root on Debian: install docker.io (engine 20.10) when dockerd is
#     missing, start dockerd in the background (log: /var/log/dockerd.log), and wait
#     up to 60 s for it to answer.
# Idempotent: safe to run again and again, on a fresh machine or one with a running engine.
#
# Note: a newer docker CLI (e.g. 28.x at /usr/local/bin/docker, API 1.50) talking to
# Debian's engine 20.10 (API 1.41) negotiates the API version down on its own. If a
# client cannot negotiate, export DOCKER_API_VERSION=<server API version>; this script
# prints the value to use when it detects a mismatch.
set -euo pipefail

LOG=/var/log/dockerd.log
WAIT_SECS=${SB_DOCKERD_WAIT_SECS:-60}

say() { printf '[setup-docker] %s\n' "$*"; }
die() { printf '[setup-docker] ERROR: %s\n' "$*" >&2; exit 1; }

engine_answers() { docker info >/dev/null 2>&1; }

report_versions() {
  local cv sv sapi
  cv=$(docker version --format '{{.Client.Version}} (API {{.Client.APIVersion}})' 2>/dev/null || echo '?')
  sv=$(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?')
  sapi=$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null || echo '?')
  say "docker client ${cv}, engine ${sv} (API ${sapi})"
}

command -v docker >/dev/null 2>&1 || NO_CLIENT=1

if [[ -z "${NO_CLIENT:-}" ]] && engine_answers; then
  say "Docker engine already answers 'docker info': nothing to do."
  report_versions
  exit 0
fi

# A client that is too new/old for the engine fails `docker info` with an API error
# even though the engine runs. Detect that and say how to fix it.
if [[ -z "${NO_CLIENT:-}" ]]; then
  err=$(docker info 2>&1 >/dev/null || true)
  if grep -qiE 'client version .* is too (new|old)|API version' <<<"$err"; then
    api=$(grep -oE 'Maximum supported API version is [0-9.]+' <<<"$err" | grep -oE '[0-9.]+$' || true)
    if [[ -n "$api" ]]; then
      export DOCKER_API_VERSION="$api"
      if engine_answers; then
        say "engine runs but needs an older API: export DOCKER_API_VERSION=$api"
        report_versions
        exit 0
      fi
    fi
    die "docker client and engine disagree on the API version: $err"
  fi
fi

# --- we have to install and/or start the engine ourselves ---------------------------
if [[ $(uname -s) != Linux ]]; then
  die "no Docker engine reachable. On macOS/Windows start Docker Desktop (or colima/podman) and run again."
fi
if [[ $(id -u) -ne 0 ]]; then
  die "no Docker engine reachable and not root. Either start your engine (sudo systemctl start docker) and add yourself to the 'docker' group, or run: sudo $0"
fi
if [[ ! -r /etc/debian_version ]] || ! command -v apt-get >/dev/null 2>&1; then
  die "no Docker engine reachable and this is not Debian/Ubuntu (no apt-get). Install Docker Engine for your distribution (https://docs.docker.com/engine/install/) and start it."
fi

if ! command -v dockerd >/dev/null 2>&1; then
  say "dockerd missing: apt-get update && apt-get install -y docker.io ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  say "installed: $(dockerd --version 2>/dev/null || echo 'dockerd ?')"
else
  say "dockerd present: $(dockerd --version 2>/dev/null)"
fi
if [[ -n "${NO_CLIENT:-}" ]]; then
  command -v docker >/dev/null 2>&1 || die "no docker CLI after installing docker.io"
fi

# Start dockerd unless one is already running (e.g. still starting up).
if pgrep -x dockerd >/dev/null 2>&1; then
  say "dockerd process already running (pid $(pgrep -x dockerd | head -1)); waiting for it."
else
  # With systemd as PID 1 prefer the unit; otherwise (containers, CI sandboxes) start it directly.
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    say "starting docker via systemctl"
    systemctl start docker || true
  fi
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    say "starting dockerd in the background (log: $LOG)"
    mkdir -p "$(dirname "$LOG")"
    # setsid + nohup: the daemon leaves our session/process group and survives this script.
    setsid nohup dockerd >>"$LOG" 2>&1 </dev/null &
    disown || true
  fi
fi

start=$SECONDS
until engine_answers; do
  waited=$((SECONDS - start))
  if (( waited >= WAIT_SECS )); then
    say "last lines of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    die "Docker engine did not answer within ${WAIT_SECS}s; see $LOG"
  fi
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    tail -n 20 "$LOG" >&2 || true
    die "dockerd exited; see $LOG"
  fi
  say "waiting for the Docker engine ... ${waited}s/${WAIT_SECS}s"
  sleep 2
done
say "Docker engine is up after $((SECONDS - start))s."
report_versions
