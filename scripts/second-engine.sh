#!/usr/bin/env bash
# Starts or stops a second Docker engine on this Linux machine, beside the first: its own
# socket, data root, exec root (and so its own containerd), bridge and address pool. Used by
# test/docker/engines.test.ts to prove that runs spread over several engines (--engines), and
# handy to try --engines without a second machine. Needs root and dockerd (setup-docker.sh).
#
#   bash scripts/second-engine.sh start [name]   prints the engine address (unix:///run/<name>/docker.sock)
#   bash scripts/second-engine.sh stop [name]    stops it, removes its bridge; --purge also its data root
set -euo pipefail

cmd=${1:-}
shift || true
name=sb-engine2
purge=
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    *) name=$arg ;;
  esac
done
root=/run/$name
data=/var/lib/$name
sock=$root/docker.sock
bridge=$(printf '%s' "br-${name//-/}" | cut -c1-15)
# A /24 for the default bridge and a pool for the runs' networks, apart from the first engine's 172.17-31.
bridge_cidr=${SB_ENGINE2_BRIDGE:-10.211.0.1/24}
pool=${SB_ENGINE2_POOL:-10.212.0.0/16}
wait_secs=${SB_ENGINE2_WAIT_SECS:-60}

say() { printf '[second-engine] %s\n' "$*" >&2; }
die() { printf '[second-engine] ERROR: %s\n' "$*" >&2; exit 1; }

case "$cmd" in
  start)
    [[ $(id -u) -eq 0 ]] || die "needs root (it starts dockerd and makes a bridge)"
    command -v dockerd >/dev/null || die "dockerd is missing: run bash scripts/setup-docker.sh first"
    if ! command -v ip >/dev/null; then
      command -v apt-get >/dev/null || die "the ip command (iproute2) is missing; install it"
      say "installing iproute2 (the ip command makes the engine's bridge)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2 >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2 >/dev/null; }
    fi
    if docker -H "unix://$sock" info >/dev/null 2>&1; then
      say "already running"
      echo "unix://$sock"
      exit 0
    fi
    mkdir -p "$root" "$data"
    if ! ip link show "$bridge" >/dev/null 2>&1; then
      ip link add "$bridge" type bridge
      ip addr add "$bridge_cidr" dev "$bridge"
    fi
    ip link set "$bridge" up
    say "starting dockerd: socket $sock, data $data, bridge $bridge ($bridge_cidr), pool $pool (log $root/dockerd.log)"
    setsid nohup dockerd \
      -H "unix://$sock" \
      --data-root "$data" \
      --exec-root "$root/exec" \
      --pidfile "$root/dockerd.pid" \
      --bridge "$bridge" \
      --default-address-pool "base=$pool,size=24" \
      --containerd-namespace "$name" \
      --containerd-plugins-namespace "$name-plugins" \
      >"$root/dockerd.log" 2>&1 </dev/null &
    start=$SECONDS
    until docker -H "unix://$sock" info >/dev/null 2>&1; do
      if (( SECONDS - start >= wait_secs )); then
        tail -n 20 "$root/dockerd.log" >&2 || true
        die "the second engine did not answer within ${wait_secs}s; see $root/dockerd.log"
      fi
      sleep 1
    done
    say "up after $((SECONDS - start))s: $(docker -H "unix://$sock" version --format '{{.Server.Version}}')"
    echo "unix://$sock"
    ;;
  stop)
    if [[ -f "$root/dockerd.pid" ]]; then
      pid=$(cat "$root/dockerd.pid")
      if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
    ip link del "$bridge" 2>/dev/null || true
    if [[ -n "$purge" ]]; then
      # Mounts of the engine's containers can outlive it briefly: unmount what is left, then remove.
      grep -o " $data[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
      rm -rf "$data" "$root"
    fi
    say "stopped"
    ;;
  *)
    die "usage: $0 start|stop [name] [--purge]"
    ;;
esac
