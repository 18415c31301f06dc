# shellcheck shell=bash
# Shared helpers, sourced by the other scripts in infra/scripts (never executed on its own).
# Callers set `set -euo pipefail` themselves.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PNPM_VERSION="10.34.9"
# Corepack shims must never stop at an interactive download prompt.
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0

if [ -t 2 ]; then _c_on=$'\033[1;36m' _c_warn=$'\033[1;33m' _c_err=$'\033[1;31m' _c_off=$'\033[0m'
else _c_on='' _c_warn='' _c_err='' _c_off=''; fi
# Logs go to stderr so stdout stays free for the commands' own output.
log() { printf '%s[%s]%s %s\n' "$_c_on" "${LOG_TAG:-openbench}" "$_c_off" "$*" >&2; }
warn() { printf '%s[%s] warning:%s %s\n' "$_c_warn" "${LOG_TAG:-openbench}" "$_c_off" "$*" >&2; }
die() { printf '%s[%s] error:%s %s\n' "$_c_err" "${LOG_TAG:-openbench}" "$_c_off" "$*" >&2; exit 1; }

# Reads KEY=VALUE lines (optional `export `, optional matching quotes, # comments). A variable that is
# already set wins, so the shell or CI can always override a file. The file is parsed, not sourced,
# so it cannot run code.
load_env_file() {
  local file="$1" line key val
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line#export }"
    [[ "$line" == *=* ]] || { warn "$file: ignoring line without '=': $line"; continue; }
    key="${line%%=*}"; key="${key%"${key##*[![:space:]]}"}"
    val="${line#*=}"; val="${val#"${val%%[![:space:]]*}"}"
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { warn "$file: ignoring invalid name: $key"; continue; }
    if [[ "$val" =~ ^\"(.*)\"$ || "$val" =~ ^\'(.*)\'$ ]]; then val="${BASH_REMATCH[1]}"; fi
    [ -n "${!key+x}" ] || export "$key=$val"
  done < "$file"
}

# .env (hand-written) is read before .local/env (machine-local), so .env wins where both set a name.
load_env() {
  local f
  for f in "$ROOT/.env" "$ROOT/.local/env"; do
    if [ -f "$f" ]; then load_env_file "$f"; fi
  done
  # Same defaults as packages/runtime/src/config/env.ts, exported so every child agrees on them.
  export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/openbench}"
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
}

# Reads the version from the package.json next to an npm-installed pnpm: starting pnpm only to ask costs
# ~0.6 s. Prints nothing when pnpm is not laid out that way (callers then ask pnpm itself).
_pnpm_installed_version() {
  local bin pj
  bin="$(readlink -f "$(command -v pnpm)")" || return 0
  pj="${bin%/bin/*}/package.json"
  if [ "$bin" != "${bin%/bin/*}" ] && [ -f "$pj" ]; then
    sed -n '/"name": "pnpm"/,$ s/^  "version": "\([^"]*\)",$/\1/p' "$pj" | head -n1
  fi
}

_pnpm_version() {
  local have=""
  if command -v pnpm >/dev/null 2>&1; then
    have="$(_pnpm_installed_version)"
    [ "$have" = "$PNPM_VERSION" ] || have="$(pnpm --version 2>/dev/null || true)"
  fi
  printf '%s' "$have"
}

# pnpm 11 crashes on Node 20 and lockfiles churn between majors, so everyone runs exactly this version.
# Exports PATH (with $HOME/.local/bin when pnpm lives there) and OPENBENCH_PNPM_OK for child scripts; a script
# that runs pnpm itself must call this, because a child's exports never reach its parent.
ensure_pnpm() {
  local have=""
  # Nested scripts (setup.sh -> build.sh) inherit this marker and skip the ~0.3 s `pnpm --version`.
  [ "${OPENBENCH_PNPM_OK:-}" = "$PNPM_VERSION" ] && return 0
  have="$(_pnpm_version)"
  # An earlier run installed it into ~/.local (no root), but that directory is not always on PATH.
  if [ "$have" != "$PNPM_VERSION" ] && [ -x "$HOME/.local/bin/pnpm" ] && [[ ":$PATH:" != *":$HOME/.local/bin:"* ]]; then
    export PATH="$HOME/.local/bin:$PATH"; hash -r
    have="$(_pnpm_version)"
  fi
  if [ "$have" = "$PNPM_VERSION" ]; then export OPENBENCH_PNPM_OK="$PNPM_VERSION"; return 0; fi
  command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 (with npm) first"
  log "installing pnpm $PNPM_VERSION (found: ${have:-none})"
  if ! npm i -g "pnpm@$PNPM_VERSION" --no-fund --no-audit --loglevel=error >&2; then
    # Without root, the global prefix (/usr/lib/node_modules) is not writable: use ~/.local instead.
    warn "global npm install failed; installing pnpm into \$HOME/.local"
    npm i -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" --no-fund --no-audit --loglevel=error >&2
    export PATH="$HOME/.local/bin:$PATH"
  fi
  hash -r
  have="$(pnpm --version 2>/dev/null || true)"
  [ "$have" = "$PNPM_VERSION" ] || die "pnpm $PNPM_VERSION wanted, but 'pnpm --version' prints '${have:-nothing}' (check PATH: $(command -v pnpm || echo 'no pnpm'))"
  export OPENBENCH_PNPM_OK="$PNPM_VERSION"
}

# --- root and Debian packages -------------------------------------------------------------------------

# True when we are root or may use sudo without a password (never prompts).
can_be_root() {
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}
# Runs a command as root: directly when we are root, otherwise through `sudo -n`. Check can_be_root first.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# apt_install PKG...: installs Debian packages as root or through passwordless sudo; without either (or
# without apt-get), dies naming the command to run by hand.
apt_install() {
  command -v apt-get >/dev/null 2>&1 \
    || die "need the packages $* but apt-get is not available: install them with this system's package manager"
  can_be_root \
    || die "need the Debian packages $* and cannot install them (not root, no passwordless sudo): run 'sudo apt-get install -y $*', then try again"
  log "installing Debian packages: $*"
  # confold: keep config files we wrote before the install instead of prompting. Lock timeout: another apt
  # (or a concurrent run of these scripts) may hold the dpkg lock for a while.
  local apt=(as_root env DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1 apt-get -y -qq
             -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  # Skip `apt-get update` (seconds) when the package lists already know the packages. 8>&- 9>&-: a package
  # script that starts a daemon must not inherit the setup or services lock.
  if ! "${apt[@]}" install --no-install-recommends "$@" >/dev/null 2>&1 8>&- 9>&-; then
    "${apt[@]}" update >/dev/null 8>&- 9>&- || die "apt-get update failed"
    "${apt[@]}" install --no-install-recommends "$@" >/dev/null 8>&- 9>&- || die "apt-get install $* failed"
  fi
}

# ensure_commands CMD[=PACKAGE]...: installs the Debian package of every missing command (PACKAGE defaults to
# CMD's name).
ensure_commands() {
  local spec missing=()
  for spec in "$@"; do
    command -v "${spec%%=*}" >/dev/null 2>&1 || missing+=("${spec#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# --- URLs ---------------------------------------------------------------------------------------------

_urldecode() { local s="${1//+/%2B}"; printf '%b' "${s//%/\\x}"; }

# parse_url URL: sets URL_SCHEME URL_USER URL_PASS URL_HOST URL_PORT URL_PATH URL_QUERY
# (user, password and path are percent-decoded; the path has no leading slash; an IPv6 host loses its brackets).
# shellcheck disable=SC2034  # the URL_* globals are this function's output
parse_url() {
  local url="$1" rest auth hostport
  [[ "$url" == *://* ]] || die "not a URL: $url"
  URL_SCHEME="${url%%://*}"; rest="${url#*://}"
  URL_QUERY=""; if [[ "$rest" == *\?* ]]; then URL_QUERY="${rest#*\?}"; rest="${rest%%\?*}"; fi
  rest="${rest%%#*}"
  URL_PATH=""; if [[ "$rest" == */* ]]; then URL_PATH="$(_urldecode "${rest#*/}")"; rest="${rest%%/*}"; fi
  URL_USER="" URL_PASS=""
  if [[ "$rest" == *@* ]]; then
    auth="${rest%@*}"; hostport="${rest##*@}"
    if [[ "$auth" == *:* ]]; then URL_PASS="$(_urldecode "${auth#*:}")"; auth="${auth%%:*}"; fi
    URL_USER="$(_urldecode "$auth")"
  else hostport="$rest"; fi
  if [[ "$hostport" =~ ^\[([^]]+)\](:([0-9]+))?$ ]]; then URL_HOST="${BASH_REMATCH[1]}"; URL_PORT="${BASH_REMATCH[3]}"
  elif [[ "$hostport" == *:* ]]; then URL_HOST="${hostport%%:*}"; URL_PORT="${hostport##*:}"
  else URL_HOST="$hostport"; URL_PORT=""; fi
  [ -n "$URL_HOST" ] || URL_HOST=localhost
}

# pg_admin_url URL: the same server and credentials, maintenance database `postgres` (query string kept).
pg_admin_url() {
  local url="$1" base query=""
  base="${url%%\?*}"; [ "$base" = "$url" ] || query="?${url#*\?}"
  if [[ "${base#*://}" == */* ]]; then base="${base%/*}"; fi
  printf '%s/postgres%s\n' "$base" "$query"
}

is_local_host() { [[ "$1" =~ ^(localhost|127\.[0-9.]+|::1|0\.0\.0\.0)$ ]]; }

# Prints a hash of the named files' contents (missing files are skipped), for "has this changed?" stamps.
hash_files() {
  local f
  for f in "$@"; do if [ -f "$f" ]; then printf '%s\0' "$f"; cat "$f"; fi; done | sha256sum | cut -d' ' -f1
}

# Prints a hash of paths, sizes and mtimes of all files under the given directories (node_modules, dist and
# build outputs excluded). Cheap enough to run on every start: no file contents are read.
hash_tree() {
  local dirs=() d
  for d in "$@"; do if [ -e "$d" ]; then dirs+=("$d"); fi; done
  [ ${#dirs[@]} -gt 0 ] || { echo none; return; }
  find "${dirs[@]}" \( -name node_modules -o -name dist -o -name .turbo \) -prune -o -type f -printf '%p %s %T@\n' \
    | LC_ALL=C sort | sha256sum | cut -d' ' -f1
}

# True when the CLI's bundle (apps/cli/scripts/bundle-cli.mjs, what `pnpm studio` runs) is missing or a compiled file
# of the CLI or of a package, or the lockfile, is newer than it. A `find` that stops at the first such file.
cli_bundle_stale() {
  local bundle="$ROOT/apps/cli/bundle/studio.js"
  [ ! -f "$bundle" ] || [ -n "$(find "$ROOT/apps/cli/dist" "$ROOT"/packages/*/dist "$ROOT/pnpm-lock.yaml" -newer "$bundle" -print -quit)" ]
}

# Workspace manifests that decide what `pnpm install` does.
workspace_manifests() {
  local f
  for f in "$ROOT/package.json" "$ROOT/pnpm-workspace.yaml" "$ROOT/pnpm-lock.yaml" "$ROOT/.npmrc" \
           "$ROOT"/apps/*/package.json "$ROOT"/packages/*/package.json "$ROOT/bench/package.json"; do
    if [ -f "$f" ]; then printf '%s\n' "$f"; fi
  done
}
