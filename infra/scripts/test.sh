#!/usr/bin/env bash
# test.sh [jest args...]: setup (deps, services, build), then the web app's unit tests (vitest) and the whole
# jest suite. Results are also written as JSON to .ci/results/vitest.json and .ci/results/jest.json (read by
# .ci/run). Exits non-zero when either fails (or the type check does).
#   The e2e tests shell out to curl and jq, run infra/nginx/nginx.conf with Debian's nginx (the compose stack
#   test), and the browser tests drive Debian's Chromium: they are installed with apt when missing (root or sudo -n).
#   A private PostgreSQL cluster started by services.sh runs with fsync=off while the tests run (set
#   OPENBENCH_SERVICES_FSYNC=on to keep it), and gets fsync back when they end.
set -euo pipefail
LOG_TAG="test"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
cd "$ROOT"
# Here, not only in setup.sh: its PATH (pnpm in ~/.local without root) does not come back to this shell.
ensure_pnpm
ensure_commands curl jq chromium nginx=nginx-light
# Test databases are created on the server of DATABASE_URL (packages/db/src/testing), not always on :5432.
export TEST_DATABASE_ADMIN_URL="${TEST_DATABASE_ADMIN_URL:-$(pg_admin_url "$DATABASE_URL")}"
if [ -z "${OPENBENCH_SERVICES_FSYNC:-}" ]; then
  export OPENBENCH_SERVICES_FSYNC=off
  # Whatever happens, the cluster (which may also hold a running `npm start`'s data) gets fsync back.
  trap 'OPENBENCH_SERVICES_FSYNC=on bash infra/scripts/services.sh fsync || warn "could not turn fsync back on: run npm run services start"' EXIT
fi
bash infra/scripts/setup.sh
mkdir -p .ci/results
# Test files are not part of the tsc -b build; type errors in them would otherwise go unnoticed
# (jest's swc transform strips types without checking them).
typecheck_rc=0
log "type-checking sources and tests (tsconfig.test.json)"
node_modules/.bin/tsc -p tsconfig.test.json || typecheck_rc=$?
rc=0
if [ -f apps/web/package.json ]; then
  # The web app's own sources were type-checked by its build (setup.sh → build.sh → tsc -p apps/web).
  log "web unit tests (vitest, happy-dom)"
  (cd apps/web && ./node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=../../.ci/results/vitest.json) || rc=$?
fi
pnpm exec jest --ci --json --outputFile=.ci/results/jest.json "$@" || rc=$?
if [ "$rc" -eq 0 ] && [ "$typecheck_rc" -ne 0 ]; then
  warn "tests passed but the type check failed"
  rc=$typecheck_rc
fi
exit "$rc"
