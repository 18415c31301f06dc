#!/usr/bin/env bash
# build.sh: gateway OpenAPI spec + routes (tsoa), all TypeScript projects (tsc -b, incremental), and the
# web app (Vite) when apps/web exists. Steps whose inputs did not change since their last success are skipped.
set -euo pipefail
LOG_TAG=build
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_pnpm

# The root devDependency, called directly: `pnpm exec` would add half a second to every run.
[ -x node_modules/.bin/tsc ] || die "node_modules/.bin/tsc not found: install dependencies first (bash infra/scripts/setup.sh)"
tsc() { node_modules/.bin/tsc "$@"; }

# tsoa takes seconds, so it runs only when the gateway or a package whose types it reads has changed.
# The stamp lives in build/, so deleting build/ forces a regeneration.
if [ -f apps/gateway/tsoa.json ]; then
  stamp=apps/gateway/build/.inputs.sha256
  # packages/client is generated from the spec, so it is not one of the spec's inputs (and cannot be compiled before it).
  mapfile -t spec_packages < <(for d in packages/*/; do d="${d%/}"; if [ "$d" != packages/client ]; then echo "$d"; fi; done)
  inputs="$(hash_tree apps/gateway/src apps/gateway/scripts apps/gateway/tsoa.json apps/gateway/package.json "${spec_packages[@]/%//src}")"
  if [ -f apps/gateway/build/routes.ts ] && [ -f apps/gateway/build/swagger.json ] \
     && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
    log "gateway routes and OpenAPI spec are up to date"
  else
    # tsoa resolves types imported from workspace packages (e.g. ErrorBody from @studio/contracts) through
    # their compiled .d.ts files, so the packages must be compiled first.
    mapfile -t package_projects < <(for d in "${spec_packages[@]}"; do if [ -f "$d/tsconfig.json" ]; then echo "$d"; fi; done)
    log "compiling packages (tsc -b), which tsoa reads"
    tsc -b "${package_projects[@]}"
    log "generating gateway routes and OpenAPI spec (tsoa)"
    pnpm --silent --filter @studio/gateway run tsoa
    printf '%s\n' "$inputs" > "$stamp"
  fi
else
  warn "apps/gateway/tsoa.json not found: skipping route/spec generation"
fi

# The client's types are generated from the spec (rewritten only when they change, so tsc -b stays incremental).
if [ -f packages/client/scripts/gen-schema.mjs ]; then
  node packages/client/scripts/gen-schema.mjs
fi

log "compiling TypeScript (tsc -b tsconfig.json)"
tsc -b tsconfig.json

# `pnpm studio` runs the CLI bundled into one file (apps/cli/bundle), bundled again whenever it is older than what it
# is made of.
if [ -f apps/cli/scripts/bundle-cli.mjs ]; then
  if cli_bundle_stale; then
    log "bundling the CLI (apps/cli/bundle)"
    node apps/cli/scripts/bundle-cli.mjs
  else
    log "CLI bundle is up to date"
  fi
fi

if [ -f apps/web/package.json ]; then
  # The web's API types are generated from the gateway's spec (packages/client/scripts/gen-schema.mjs), so the spec is an
  # input; its test folder is not. The stamp is taken after the build, which may rewrite the generated types.
  web_inputs() { hash_tree apps/web/src apps/web/public packages/client/scripts apps/web/index.html apps/web/inspect.html \
    apps/web/vite.config.ts apps/web/tsconfig.json apps/web/package.json apps/gateway/build/swagger.json; }
  stamp=apps/web/dist/.inputs.sha256
  if [ -f apps/web/dist/index.html ] && [ "$(cat "$stamp" 2>/dev/null)" = "$(web_inputs)" ]; then
    log "web build is up to date"
  else
    log "building web app (API types, tsc, vite)"
    pnpm --silent --dir apps/web run build
    [ -f apps/web/dist/index.html ] || die "apps/web build did not produce apps/web/dist/index.html"
    web_inputs > "$stamp"
  fi
fi
