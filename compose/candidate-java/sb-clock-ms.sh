#!/bin/sh
# Prints the wall clock in ms as the JVM reads it (System.currentTimeMillis), with this
# container's environment: splitbrain's clock faults check their offset with it (src/faults/clock.ts).
# `sb-clock-ms --wait` prints how long a 300 ms Object.wait and a 300 ms park took instead.
exec java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx16m -cp /opt/sb/sb-candidate.jar SbClock "$@"
