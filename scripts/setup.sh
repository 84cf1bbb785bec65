#!/usr/bin/env bash
# One command from a fresh clone to a machine that runs splitbrain:
#   1. a Docker engine that answers (installs and starts Debian's docker.io as root when none does);
#   2. the npm packages, and the build (npm ci runs `prepare`, which compiles to dist/);
#   3. the images splitbrain runs (built locally; the base is made with debootstrap where no
#      registry can be reached).
# Idempotent: run it again any time; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

all=0
browser=0
for arg in "$@"; do
  case "$arg" in
    --all) all=1; browser=1 ;;
    --tests) browser=1 ;;
    -h|--help)
      echo "usage: bash scripts/setup.sh [--tests | --all]"
      echo "  (none)   Docker engine, npm packages and build, the images the default run needs"
      echo "  --tests  also Chromium, for the timeline browser tests of npm test"
      echo "  --all    also every image (Curator, Patroni) and Chromium: what CI runs"
      exit 0 ;;
    *) echo "[setup] unknown option $arg: use --tests, --all or nothing (bash scripts/setup.sh --help)" >&2; exit 64 ;;
  esac
done

say "1/4 Docker engine"
bash scripts/setup-docker.sh

say "2/4 npm packages and build"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm run build --silent
fi

# The harness reads ZooKeeper itself (the zk observer) through the npm `zookeeper` package, a
# native addon compiled at install time (python3, make, g++). Check that it loads; if not,
# install the build tools (Debian, as root) and compile it again.
if ! node -e "require('zookeeper')" >/dev/null 2>&1; then
  if ! command -v g++ >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      say "2/4 build tools for the zookeeper addon (apt-get install python3 make g++)"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null
    else
      say "the npm zookeeper addon needs python3, make and g++ to compile: install them and run this again"
      exit 1
    fi
  fi
  say "2/4 compiling the zookeeper addon (npm rebuild zookeeper)"
  npm rebuild zookeeper --foreground-scripts
  node -e "require('zookeeper')" || { say "the npm zookeeper addon does not load; see the output above"; exit 1; }
fi

# What the default run needs is built now; the Curator and Patroni images are built by the first
# run that needs them (with the same progress lines). --all builds every image and installs the
# browser the tests use: what CI runs.
if [[ $all == 1 ]]; then
  say "3/4 images (all)"
  ./bin/splitbrain images build
else
  say "3/4 images the default run needs (zookeeper, netutil, candidate-node; the others are built on first use)"
  ./bin/splitbrain images build zookeeper netutil candidate-node
fi

# Only the tests need a browser (timeline.html is rendered in headless Chromium): with --all or
# --tests. Debian's chromium, no download from elsewhere; SB_SKIP_BROWSER=1 skips it.
if [[ $browser == 0 ]]; then
  say "4/4 no browser (the timeline browser tests skip without one; bash scripts/setup.sh --tests installs it)"
elif [[ -z "${SB_SKIP_BROWSER:-}" ]] && ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "4/4 chromium for the browser tests (apt-get install chromium)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    say "4/4 no chromium and cannot install it here: the timeline browser tests will be skipped (install chromium to run them)"
  fi
else
  say "4/4 chromium present (or skipped)"
fi

say "ready: try ./bin/splitbrain run (the headline scenarios), ./bin/splitbrain doctor"
