#!/usr/bin/env bash
# Entrypoint compatible with the official `zookeeper` image:
#  - as root and running zkServer.sh: chown the data dirs and drop to user `zookeeper`;
#  - /conf/zoo.cfg missing: generate it from ZOO_* env (ZOO_MY_ID, ZOO_SERVERS,
#    ZOO_TICK_TIME, ZOO_INIT_LIMIT, ZOO_SYNC_LIMIT, ZOO_4LW_COMMANDS_WHITELIST, ZOO_CFG_EXTRA ...);
#    with more than one server also quorumListenOnAllIPs=true and standaloneEnabled=false;
#  - /data/myid missing: write ZOO_MY_ID (default 1).
set -euo pipefail

if [[ ${1:-} == zkServer.sh && $(id -u) == 0 ]]; then
  chown -R zookeeper:zookeeper "$ZOO_DATA_DIR" "$ZOO_DATA_LOG_DIR" "$ZOO_LOG_DIR" 2>/dev/null || true
  [[ -f $ZOO_CONF_DIR/zoo.cfg ]] || chown zookeeper:zookeeper "$ZOO_CONF_DIR" 2>/dev/null || true
  exec setpriv --reuid=zookeeper --regid=zookeeper --init-groups "$0" "$@"
fi

CONFIG="$ZOO_CONF_DIR/zoo.cfg"
if [[ ! -f $CONFIG ]]; then
  servers=${ZOO_SERVERS:-"server.1=localhost:2888:3888;2181"}
  read -r -a server_list <<<"$servers"
  {
    echo "dataDir=$ZOO_DATA_DIR"
    echo "dataLogDir=$ZOO_DATA_LOG_DIR"
    echo "tickTime=$ZOO_TICK_TIME"
    echo "initLimit=$ZOO_INIT_LIMIT"
    echo "syncLimit=$ZOO_SYNC_LIMIT"
    echo "autopurge.snapRetainCount=$ZOO_AUTOPURGE_SNAPRETAINCOUNT"
    echo "autopurge.purgeInterval=$ZOO_AUTOPURGE_PURGEINTERVAL"
    echo "maxClientCnxns=$ZOO_MAX_CLIENT_CNXNS"
    echo "admin.enableServer=$ZOO_ADMINSERVER_ENABLED"
    if (( ${#server_list[@]} > 1 )); then
      echo "standaloneEnabled=false"
      echo "quorumListenOnAllIPs=true"
    else
      echo "standaloneEnabled=$ZOO_STANDALONE_ENABLED"
    fi
    # server.N=host:2888:3888;2181 carries the client port; without it, say clientPort.
    [[ $servers == *";"* ]] || echo "clientPort=${ZOO_PORT:-2181}"
    for server in "${server_list[@]}"; do echo "$server"; done
    [[ -z ${ZOO_4LW_COMMANDS_WHITELIST:-} ]] || echo "4lw.commands.whitelist=$ZOO_4LW_COMMANDS_WHITELIST"
    read -r -a extras <<<"${ZOO_CFG_EXTRA:-}"
    for extra in "${extras[@]}"; do echo "$extra"; done
  } >"$CONFIG"
fi

if [[ ! -f $ZOO_DATA_DIR/myid ]]; then
  echo "${ZOO_MY_ID:-1}" >"$ZOO_DATA_DIR/myid"
fi

# Optional (not in the official image): wait until every server host name resolves before
# starting. Docker's DNS knows a container only once it runs, and ZooKeeper 3.8 keeps a
# peer it could not resolve at start "unresolved" for several seconds (quorum ~10 s instead
# of ~1 s). 0 = don't wait; the server starts anyway when the time is up.
wait_secs=${ZOO_WAIT_FOR_PEERS_SECS:-0}
if (( wait_secs > 0 )); then
  hosts=$(sed -n 's/^server\.[0-9]*=\([^:]*\):.*/\1/p' "$CONFIG" | sort -u)
  deadline=$((SECONDS + wait_secs))
  for h in $hosts; do
    until getent hosts "$h" >/dev/null 2>&1 || (( SECONDS >= deadline )); do sleep 0.2; done
    getent hosts "$h" >/dev/null 2>&1 || echo "docker-entrypoint.sh: $h does not resolve after ${wait_secs}s; starting anyway" >&2
  done
fi

exec "$@"
