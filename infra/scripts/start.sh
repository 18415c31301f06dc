#!/usr/bin/env bash
# start.sh: setup (deps, Redis/PostgreSQL, build), migrate, then run gateway, worker and (when apps/web exists)
# the web server in the foreground with prefixed logs. Ctrl-C / SIGTERM stops them all; if one of them exits,
# the others are stopped and start.sh exits non-zero. Redis/PostgreSQL started by services.sh keep running (the
# next start is then fast); `npm run services stop` stops them.
#   PORT (8000)            gateway port
#   WEB_PORT (5173)        web port; OPENBENCH_WEB_MODE=preview (serve the build, default) or dev (Vite HMR)
#   STOP_TIMEOUT (30)      seconds a child gets after SIGTERM before SIGKILL
#   WORKER_METRICS_PORT    the worker's METRICS_PORT (9465; off when METRICS_PORT=off): both apps read METRICS_PORT,
#                          so one value for both would make them bind the same port
set -euo pipefail
LOG_TAG=start
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
cd "$ROOT"

PORT="${PORT:-8000}"
WEB_PORT="${WEB_PORT:-5173}"
WEB_HOST="${WEB_HOST:-127.0.0.1}"
WEB_MODE="${OPENBENCH_WEB_MODE:-preview}"
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"
export PORT
case "$WEB_MODE" in dev|preview) ;; *) die "OPENBENCH_WEB_MODE must be 'preview' or 'dev' (got '$WEB_MODE')";; esac

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Fail before the build if a port is taken: a child failing to bind later is a less clear message.
port_busy "$PORT" && die "port $PORT is already in use (another 'npm start'?). Set PORT=... to use another"
has_web=0
if [ -f apps/web/package.json ]; then
  has_web=1
  port_busy "$WEB_PORT" && die "port $WEB_PORT is already in use. Set WEB_PORT=... to use another"
fi

bash infra/scripts/setup.sh

for f in packages/db/dist/migrate-cli.js apps/gateway/dist/src/server.js apps/worker/dist/main.js; do
  [ -f "$f" ] || die "$f is missing after the build (is that app implemented yet?)"
done
log "applying database migrations"
node packages/db/dist/migrate-cli.js

pids=() names=()
declare -A name_of=()
if [ -t 1 ]; then colors=($'\033[35m' $'\033[32m' $'\033[34m' $'\033[33m'); reset=$'\033[0m'; else colors=('' '' '' ''); reset=''; fi

# spawn NAME CMD...: runs CMD in the background, every output line prefixed with "[NAME]". The process
# substitution keeps $! the command's own pid (a pipeline would give the prefixer's). The prefixer ignores
# Ctrl-C (which reaches the whole process group) so it still prints the children's shutdown logs; it ends
# when the child closes its output.
spawn() {
  local name="$1" color="${colors[${#pids[@]} % ${#colors[@]}]}"; shift
  "$@" > >(trap '' INT TERM; exec sed -u "s/^/${color}[$name]${reset} /") 2>&1 &
  pids+=("$!"); names+=("$name"); name_of[$!]="$name"
}

alive() { local p; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }

stop_all() {
  local code="$1" p deadline
  trap '' INT TERM
  for p in "${pids[@]}" ${announcer:+"$announcer"}; do kill -TERM "$p" 2>/dev/null || true; done
  deadline=$((SECONDS + STOP_TIMEOUT))
  while alive && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if alive; then
    warn "children still running after ${STOP_TIMEOUT}s: sending SIGKILL"
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  fi
  wait "${pids[@]}" 2>/dev/null || true
  exit "$code"
}
trap 'log "SIGINT: stopping"; stop_all 130' INT
trap 'log "SIGTERM: stopping"; stop_all 143' TERM

# --expose-gc: the gateway collects garbage once after a wave of SSE subscribers leaves, so that its memory goes back
# down; and jemalloc, when this machine has it (Debian's libjemalloc2), returns the freed native memory as the image
# does (docs/deployment.md, "Gateway memory").
jemalloc="$(ls /usr/lib/*-linux-gnu/libjemalloc.so.2 2>/dev/null | head -n 1 || true)"
if [ -n "$jemalloc" ]; then
  spawn gateway env LD_PRELOAD="$jemalloc" MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0 \
    node --expose-gc apps/gateway/dist/src/server.js
else
  spawn gateway node --expose-gc apps/gateway/dist/src/server.js
fi
# The image's heap cap (infra/docker/Dockerfile, docs/deployment.md "Worker memory").
if [ "${METRICS_PORT:-}" = off ]; then worker_metrics_default=off; else worker_metrics_default=9465; fi
spawn worker env METRICS_PORT="${WORKER_METRICS_PORT:-$worker_metrics_default}" node --max-old-space-size=256 apps/worker/dist/main.js
web_url=""
if [ $has_web = 1 ]; then
  # The .bin shim execs node, so our SIGTERM reaches Vite itself (`pnpm exec` would sit in between).
  vite_args=(--host "$WEB_HOST" --port "$WEB_PORT" --strictPort)
  [ "$WEB_MODE" = dev ] || vite_args=(preview "${vite_args[@]}")
  spawn web sh -c 'cd apps/web && exec ./node_modules/.bin/vite "$@"' vite "${vite_args[@]}"
  web_url="http://localhost:$WEB_PORT"
fi

# Prints the URLs once the gateway accepts connections, so they are not lost above its startup logs.
(
  trap - INT TERM
  for _ in $(seq 600); do port_busy "$PORT" && break; sleep 0.1; done
  port_busy "$PORT" || exit 0
  api="http://localhost:$PORT"
  log "ready:"
  log "  API      $api/api   (health: $api/api/health)"
  log "  Swagger  $api/docs"
  log "  ReDoc    $api/redoc"
  log "  OpenAPI  $api/openapi.json"
  log "  Queues   $api/admin/queues   (administrators: the first account registered, or pnpm studio admin grant <email>)"
  if [ "${METRICS_PORT:-9464}" != off ]; then log "  Metrics  http://${METRICS_HOST:-127.0.0.1}:${METRICS_PORT:-9464}/metrics"; fi
  if [ -n "$web_url" ]; then log "  Web      $web_url"; fi
  log "Ctrl-C stops these; Redis/PostgreSQL keep running (stop them with: npm run services stop)"
) &
announcer=$!

# Servers are meant to run until stopped, so any exit, even with code 0, is a failure.
set +e
wait -n -p exited "${pids[@]}"
rc=$?
set -e
warn "${name_of[$exited]:-a child} exited with code $rc: stopping the others"
[ $rc -ne 0 ] || rc=1
stop_all "$rc"
