#!/usr/bin/env bash
# setup.sh: everything `npm start` and `npm test` need before they run: pnpm, dependencies (installed only
# when a manifest or the lockfile changed), Redis + PostgreSQL (services.sh), and a build (build.sh).
set -euo pipefail
LOG_TAG=setup
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
cd "$ROOT"
ensure_pnpm
# Code benchmarks run model-written code with python3 inside bubblewrap, limited by prlimit and setpriv (util-linux);
# IFEval's language checks read python3-langdetect's profiles (docs/sandbox.md, "What a worker host needs").
ensure_commands bwrap=bubblewrap /usr/bin/python3=python3 prlimit=util-linux setpriv=util-linux
[ -d /usr/lib/python3/dist-packages/langdetect/profiles ] || apt_install python3-langdetect
# FActScore's knowledge base is read with better-sqlite3, whose addon node-gyp compiles when no prebuilt binary can be
# downloaded: it needs make and a C++ compiler, and the headers installed with Node (else node-gyp downloads them).
ensure_commands make=make g++=g++
node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
[ -f "$node_prefix/include/node/node.h" ] && export npm_config_nodedir="$node_prefix"

# Other engineers and jobs share this checkout: one install/build at a time.
mkdir -p .local
exec 8>.local/setup.lock
if ! flock -n 8; then
  log "waiting for another setup/build in this checkout to finish"
  flock -w 900 8 || die "timed out waiting for .local/setup.lock"
fi

# The stamp sits inside node_modules, so deleting node_modules forces an install.
install_stamp=node_modules/.openbench-install.sha256
mapfile -t manifests < <(workspace_manifests)
want="$PNPM_VERSION $(node --version) $(hash_files "${manifests[@]}")"
if [ -d node_modules/.pnpm ] && [ "$(cat "$install_stamp" 2>/dev/null)" = "$want" ]; then
  log "dependencies are up to date"
else
  # confirmModulesPurge=false: never stop at pnpm's "remove node_modules?" prompt (no TTY in CI).
  if [ -f pnpm-lock.yaml ]; then
    log "installing dependencies (pnpm install --frozen-lockfile)"
    pnpm install --frozen-lockfile --config.confirmModulesPurge=false \
      || die "pnpm install --frozen-lockfile failed. If you changed a package.json, run 'pnpm install' and commit pnpm-lock.yaml"
  else
    warn "pnpm-lock.yaml is missing: resolving dependencies afresh (commit the new pnpm-lock.yaml)"
    pnpm install --config.confirmModulesPurge=false
    mapfile -t manifests < <(workspace_manifests)
    want="$PNPM_VERSION $(node --version) $(hash_files "${manifests[@]}")"
  fi
  printf '%s\n' "$want" > "$install_stamp"
fi

# 8>&-: the Redis/PostgreSQL daemons must not inherit (and hold) the setup lock.
bash infra/scripts/services.sh start 8>&-
bash infra/scripts/build.sh
