#!/bin/sh
# Starts a Java candidate (candidate protocol v1, docs/contracts.md):
#   run-candidate latch      Curator LeaderLatch      ("curator-latch")
#   run-candidate selector   Curator LeaderSelector   ("curator-selector")
# Without an argument, SB_CANDIDATE (latch|selector|curator-latch|curator-selector) decides,
# else latch. In the image this script is the ENTRYPOINT, so `docker run IMAGE selector` works.
# Runs: java <log defaults> $JAVA_OPTS -cp /opt/sb/sb-candidate.jar:<curator jars> $SB_MAIN_CLASS "$@"
# stdout carries only the protocol ({"sb":...} lines); slf4j-simple logs to stderr (JAVA_OPTS may
# override the -Dorg.slf4j.simpleLogger.* defaults below: the last -D of a name wins).
set -eu
CP="/opt/sb/sb-candidate.jar:$(sb-classpath)"
echo "run-candidate: ${*:-${SB_CANDIDATE:-latch}} node=${SB_NODE:-?} zk=${SB_ZK:-?} classpath=$CP" >&2
# shellcheck disable=SC2086
exec java -Dorg.slf4j.simpleLogger.logFile=System.err \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
  ${JAVA_OPTS:-} -cp "$CP" "${SB_MAIN_CLASS:-Main}" "$@"
