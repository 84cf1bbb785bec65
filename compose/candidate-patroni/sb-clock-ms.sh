#!/bin/sh
# Prints the wall clock in ms as Python reads it (time.time(), as Patroni does), with this
# container's environment: splitbrain's clock faults check their offset with it (src/faults/clock.ts).
exec python3 -c 'import time; print(int(time.time() * 1000))'
