#!/bin/sh
# Entrypoint of splitbrain/candidate-patroni: writes Patroni's configuration from the environment
# and execs Patroni 3.0.2 as user `postgres` (PostgreSQL refuses to run as root), so signals reach
# Patroni and its log (and PostgreSQL's) goes to stderr.
#
#   SB_NODE                   member name, and the host name others reach it by (required)
#   SB_ZK                     ZooKeeper hosts, "zk1:2181,zk2:2181,zk3:2181" (required)
#   SB_PATRONI_TTL            leader lock TTL in s = ZooKeeper session timeout (default 20)
#   SB_PATRONI_LOOP_WAIT      s between HA loop runs (default 5)
#   SB_PATRONI_RETRY_TIMEOUT  s to retry ZooKeeper and PostgreSQL operations (default 5)
#     The three are written to bootstrap.dcs, i.e. into /service/<scope>/config by the member that
#     initializes the cluster; a scope that already has a config keeps its own. Decimals are
#     rounded up to whole seconds, at least 1 (Patroni int()s them, which would round down).
#   SB_PATRONI_SCOPE          cluster name (default sb): leader key /service/sb/leader
#   SB_PATRONI_NAMESPACE      key prefix (default /service/)
#   SB_PATRONI_CONNECT_HOST   address others use for this member's REST API and PostgreSQL
#                             (default $SB_NODE: splitbrain gives each candidate its id as host
#                             name and network alias)
#   SB_PATRONI_DATA_DIR       PostgreSQL data directory (default /var/lib/postgresql/15/sb)
#   SB_PATRONI_CONFIG         where the configuration is written (default /etc/patroni/patroni.yml)
#   SB_PATRONI_LOG_LEVEL      Patroni's log level (default INFO)
# Patroni's own PATRONI_* variables still override the file (e.g. PATRONI_LOG_LEVEL).
# SB_ELECTION_PATH and SB_SESSION_TIMEOUT_MS (candidate protocol) do not apply: Patroni's lock is
# <namespace><scope>/leader and its session timeout is the TTL.
set -eu

die() {
  echo "sb-patroni: $*" >&2
  exit 64
}

# Whole seconds >= 1 from an integer or decimal number of seconds, rounded up.
seconds() {
  case $2 in
    '' | *[!0-9.]* | *.*.* | . ) die "$1=$2: expected a number of seconds (e.g. 20 or 2.5)" ;;
  esac
  awk -v v="$2" 'BEGIN { i = int(v); if (i < v) i++; if (i < 1) i = 1; print i }'
}

PGHOME=/var/lib/postgresql
CONFIG=${SB_PATRONI_CONFIG:-/etc/patroni/patroni.yml}
DATA_DIR=${SB_PATRONI_DATA_DIR:-$PGHOME/15/sb}
BIN_DIR=/usr/lib/postgresql/15/bin

if [ "$(id -u)" = 0 ]; then
  # Nothing of this container runs yet: lock files left by a killed PostgreSQL are stale (after a
  # restart their PIDs may belong to other processes, and PostgreSQL would refuse to start).
  rm -f /var/run/postgresql/.s.PGSQL.*.lock
  mkdir -p "$(dirname "$CONFIG")" "$(dirname "$DATA_DIR")" /var/run/postgresql
  chown postgres:postgres "$(dirname "$CONFIG")" "$(dirname "$DATA_DIR")" /var/run/postgresql
  [ ! -d "$DATA_DIR" ] || chown -R postgres:postgres "$DATA_DIR"
  export HOME=$PGHOME USER=postgres LOGNAME=postgres
  # In a run with a clock fault this shell runs under libfaketime (LD_PRELOAD), which made a
  # semaphore owned by root and named it in FAKETIME_SHARED for its children: postgres could not
  # open it and would exit. Each process as postgres makes its own (the offset file is shared anyway).
  unset FAKETIME_SHARED
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

[ -n "${SB_NODE:-}" ] || die "SB_NODE is not set (the member name, e.g. c1)"
[ -n "${SB_ZK:-}" ] || die "SB_ZK is not set (ZooKeeper hosts, e.g. zk1:2181,zk2:2181,zk3:2181)"
TTL=$(seconds SB_PATRONI_TTL "${SB_PATRONI_TTL:-20}")
LOOP_WAIT=$(seconds SB_PATRONI_LOOP_WAIT "${SB_PATRONI_LOOP_WAIT:-5}")
RETRY_TIMEOUT=$(seconds SB_PATRONI_RETRY_TIMEOUT "${SB_PATRONI_RETRY_TIMEOUT:-5}")
SCOPE=${SB_PATRONI_SCOPE:-sb}
NAMESPACE=${SB_PATRONI_NAMESPACE:-/service/}
HOST=${SB_PATRONI_CONNECT_HOST:-$SB_NODE}

# Patroni 3.0.2 does not check these; its documentation asks for loop_wait + 2 * retry_timeout <= ttl
# (a primary that cannot reach ZooKeeper must demote before its lock can expire).
if [ $((LOOP_WAIT + 2 * RETRY_TIMEOUT)) -gt "$TTL" ]; then
  echo "sb-patroni: warning: loop_wait + 2 * retry_timeout = $((LOOP_WAIT + 2 * RETRY_TIMEOUT)) s exceeds ttl = $TTL s" >&2
fi

zk_hosts=""
old_ifs=$IFS
IFS=,
for h in $SB_ZK; do
  h=$(printf '%s' "$h" | tr -d ' ')
  [ -z "$h" ] || zk_hosts="$zk_hosts${zk_hosts:+, }\"$h\""
done
IFS=$old_ifs
[ -n "$zk_hosts" ] || die "SB_ZK=$SB_ZK names no host"

umask 077
cat >"$CONFIG.tmp" <<EOF
# Written by sb-patroni at container start from the environment; test use only (trust auth).
scope: "$SCOPE"
namespace: "$NAMESPACE"
name: "$SB_NODE"
log:
  level: ${SB_PATRONI_LOG_LEVEL:-INFO}
restapi:
  listen: 0.0.0.0:8008
  connect_address: "$HOST:8008"
zookeeper:
  hosts: [$zk_hosts]
bootstrap:
  dcs:
    ttl: $TTL
    loop_wait: $LOOP_WAIT
    retry_timeout: $RETRY_TIMEOUT
    maximum_lag_on_failover: 1048576
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 128MB
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
postgresql:
  listen: 0.0.0.0:5432
  connect_address: "$HOST:5432"
  data_dir: "$DATA_DIR"
  bin_dir: $BIN_DIR
  pgpass: /tmp/pgpass
  authentication:
    superuser:
      username: postgres
      password: postgres
    replication:
      username: replicator
      password: replicator
  parameters:
    unix_socket_directories: /var/run/postgresql
    jit: "off"
  pg_hba:
    - local all all trust
    - host all all 0.0.0.0/0 trust
    - host all all ::/0 trust
    - host replication all 0.0.0.0/0 trust
    - host replication all ::/0 trust
EOF
mv "$CONFIG.tmp" "$CONFIG"

echo "sb-patroni: node=$SB_NODE scope=$SCOPE leader key=${NAMESPACE%/}/$SCOPE/leader zk=$SB_ZK ttl=$TTL loop_wait=$LOOP_WAIT retry_timeout=$RETRY_TIMEOUT connect=$HOST" >&2
exec patroni "$CONFIG"
