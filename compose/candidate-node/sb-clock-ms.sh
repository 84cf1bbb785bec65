#!/bin/sh
# Prints the wall clock in ms as Node reads it (Date.now()), with this container's environment:
# splitbrain's clock faults check their offset with it (src/faults/clock.ts).
exec node -e 'console.log(Date.now())'
