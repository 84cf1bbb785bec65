#!/usr/bin/env bash
# Minimal zkServer.sh for Debian's ZooKeeper 3.8 jars, compatible with the way the official
# image is used: `zkServer.sh start-foreground [zoo.cfg]`, config in $ZOOCFGDIR (/conf).
# (Debian's /usr/share/zookeeper/bin/zkServer.sh sources a zkEnv.sh that hard-codes
# /etc/zookeeper/conf and a classpath without an slf4j binding, i.e. no logs at all.)
#
# Env: ZOOCFGDIR (/conf), ZOOCFG (zoo.cfg), ZK_SERVER_HEAP (MB, -Xmx), JVMFLAGS,
#      SERVER_JVMFLAGS, ZOO_LOG4J_PROP (root logger, default "INFO,CONSOLE"), JAVA.
set -euo pipefail

ZOOCFGDIR=${ZOOCFGDIR:-/conf}
ZOOCFG=${ZOOCFG:-zoo.cfg}
JAVA=${JAVA:-java}
ZOO_HOME=${ZOO_HOME:-/opt/zookeeper}
ZOO_LOG_DIR=${ZOO_LOG_DIR:-/logs}
JARS=/usr/share/java
CLASSPATH="${ZOOCFGDIR}:${ZOO_HOME}/conf:${JARS}/zookeeper.jar:${JARS}/zookeeper-jute.jar:${JARS}/slf4j-log4j12.jar:${JARS}/log4j-1.2.jar${CLASSPATH:+:$CLASSPATH}"

cmd=${1:-start-foreground}
cfg=${2:-$ZOOCFG}
[[ $cfg == /* ]] || cfg="$ZOOCFGDIR/$cfg"

client_port() {
  local p
  p=$(sed -n 's/^[[:space:]]*clientPort[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$cfg" 2>/dev/null | tail -1)
  [[ -n $p ]] || p=$(sed -n 's/^[[:space:]]*server\.[0-9]*[[:space:]]*=.*;\([^;]*:\)\{0,1\}\([0-9][0-9]*\)[[:space:]]*$/\2/p' "$cfg" 2>/dev/null | head -1)
  echo "${p:-2181}"
}

java_cmd=("$JAVA"
  "-Dzookeeper.log.dir=${ZOO_LOG_DIR}"
  "-Dzookeeper.root.logger=${ZOO_LOG4J_PROP:-INFO,CONSOLE}"
  -XX:+HeapDumpOnOutOfMemoryError "-XX:OnOutOfMemoryError=kill -9 %p"
  "-Xmx${ZK_SERVER_HEAP:-256}m"
  -cp "$CLASSPATH")
# shellcheck disable=SC2206  # JVMFLAGS are meant to split on spaces, as upstream
java_cmd+=(${SERVER_JVMFLAGS:-} ${JVMFLAGS:-} org.apache.zookeeper.server.quorum.QuorumPeerMain "$cfg")

case $cmd in
  start-foreground)
    echo "Using config: $cfg" >&2
    [[ -r $cfg ]] || { echo "zkServer.sh: config $cfg not found" >&2; exit 1; }
    exec "${java_cmd[@]}"
    ;;
  print-cmd)
    printf '%q ' "${java_cmd[@]}"; echo
    ;;
  status)
    port=$(client_port)
    exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo "Error contacting service. It is probably not running." >&2; exit 1; }
    printf 'srvr' >&3
    out=$(cat <&3); exec 3<&-
    echo "Client port found: $port. Client address: localhost."
    grep '^Mode:' <<<"$out" || { echo "Error: $out" >&2; exit 1; }
    ;;
  version)
    exec "$JAVA" -cp "$CLASSPATH" org.apache.zookeeper.version.VersionInfoMain
    ;;
  *)
    echo "Usage: $0 {start-foreground|print-cmd|status|version} [config]" >&2
    exit 64
    ;;
esac
