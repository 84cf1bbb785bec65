#!/bin/sh
# Builds libfaketime 0.9.10 from Debian bookworm's own source package (`faketime`) into $1, for
# splitbrain's clock faults (src/faults/clock.ts), and checks it. Run in a throwaway build stage.
#
# Why not Debian's binary: it also intercepts sleeps, timed waits and timers (FAKE_SLEEP,
# FAKE_PTHREAD, FAKE_TIMERS), and with FAKETIME_DONT_FAKE_MONOTONIC=1 (which the clock faults
# need: an NTP step moves the wall clock only) those interceptions break: Python's time.sleep()
# fails with EINVAL, and the JVM's Object.wait(ms) and LockSupport.parkNanos return at once, so
# every timed wait in Curator and the ZooKeeper client spins. Built without them, sleeps and waits
# go to the kernel as they would on a host whose clock NTP stepped: relative and monotonic ones keep
# their length, and only what reads the wall clock (and deadlines computed from it) moves.
set -eux
out="$1"
# deb-src for the base's archive (sources.list on a debootstrap base, deb822 on debian:bookworm-slim).
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources
fi
if [ -f /etc/apt/sources.list ]; then
  sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/splitbrain-src.list
fi
apt-get update
apt-get install -y --no-install-recommends make gcc libc6-dev dpkg-dev
cd /tmp
apt-get source faketime
make -C faketime-*/src libfaketime.so.1 FAKETIME_COMPILE_CFLAGS="-UFAKE_SLEEP -UFAKE_PTHREAD -UFAKE_TIMERS"
mkdir -p "$out"
cp faketime-*/src/libfaketime.so.1 "$out/libfaketime.so.1"
# The wall clock moves by the file's offset; a sleep still takes its time.
echo -30 > /tmp/ft
env="LD_PRELOAD=$out/libfaketime.so.1 FAKETIME_TIMESTAMP_FILE=/tmp/ft FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1"
test "$(( $(env $env date +%s) - $(date +%s) ))" -le -29
before=$(date +%s%N)
env $env sleep 0.3
test "$(( ($(date +%s%N) - before) / 1000000 ))" -ge 290
rm -rf /tmp/ft /tmp/faketime*
