#!/usr/bin/env bash
# zkCli.sh for Debian's ZooKeeper jars (Debian's own script only works from its own dir).
# Usage as upstream: zkCli.sh -server host:2181 [cmd args...]
JARS=/usr/share/java
exec "${JAVA:-java}" "-Dzookeeper.root.logger=${ZOO_CLI_LOG4J_PROP:-FATAL,CONSOLE}" \
  -cp "${ZOOCFGDIR:-/conf}:${ZOO_HOME:-/opt/zookeeper}/conf:${JARS}/zookeeper.jar:${JARS}/zookeeper-jute.jar:${JARS}/slf4j-log4j12.jar:${JARS}/log4j-1.2.jar" \
  ${CLIENT_JVMFLAGS:-} org.apache.zookeeper.ZooKeeperMain "$@"
