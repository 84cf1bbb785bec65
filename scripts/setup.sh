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

say "1/3 Docker engine"
bash scripts/setup-docker.sh

say "2/3 npm packages and build"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm run build --silent
fi

say "3/3 images"
./bin/splitbrain images build

say "ready: try ./bin/splitbrain doctor, ./bin/splitbrain up --duration 30s"
