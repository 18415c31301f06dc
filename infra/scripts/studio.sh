#!/usr/bin/env bash
# studio.sh: `pnpm studio ...`. Builds the project once when the CLI was never built (a fresh clone), then runs the
# CLI in the directory the command was typed in (pnpm runs scripts from the repository root and passes the caller's
# directory as INIT_CWD), so `logs/` and relative paths are the caller's, as with `bench eval`. The dataset cache
# stays the checkout's `data/` (shared with the worker of `npm start`) unless DATA_DIR says otherwise. The CLI runs as
# the build bundled it (apps/cli/bundle, through dist/bundle.launcher.js and its code cache: a faster start).
set -euo pipefail
LOG_TAG=studio
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ ! -f "$ROOT/apps/cli/dist/bundle.launcher.js" ]; then
  log "the CLI is not built yet: building the project once (bash infra/scripts/build.sh); after changing sources, run it again"
  bash "$ROOT/infra/scripts/build.sh" >&2
elif cli_bundle_stale; then
  # Compiled without build.sh (e.g. `tsc -b`): the bundle follows, so the command runs what was compiled.
  log "bundling the CLI again: it is older than the compiled files"
  node "$ROOT/apps/cli/scripts/bundle-cli.mjs" >&2
fi
export DATA_DIR="${DATA_DIR:-$ROOT/data}"
cd "${INIT_CWD:-$PWD}"
exec node "$ROOT/apps/cli/dist/bundle.launcher.js" "$@"
