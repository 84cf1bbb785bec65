#!/bin/sh
# Starts the Java candidate: java $JAVA_OPTS -cp /opt/sb/sb-candidate.jar:<curator jars> $SB_MAIN_CLASS
# stdout carries the candidate protocol ({"sb":...} lines); slf4j-simple logs to stderr.
set -eu
CP="/opt/sb/sb-candidate.jar:$(sb-classpath)"
echo "run-candidate: node=${SB_NODE:-?} zk=${SB_ZK:-?} classpath=$CP" >&2
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.logFile=System.err -cp "$CP" "${SB_MAIN_CLASS:-Main}" "$@"
