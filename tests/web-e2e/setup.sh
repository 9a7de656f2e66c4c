#!/usr/bin/env bash
# Installs what the web end-to-end test needs, cached OUTSIDE the repository and shared with
# tests/vscode-e2e/setup.sh (same cache folder, same pinned playwright-core and stamp): Debian's
# headless Chromium from apt and playwright-core from npm. Idempotent.
#
# Usage (as root): bash tests/web-e2e/setup.sh
# Cache folder: $LSPGEN_E2E_CACHE (default /opt/lspgen-e2e-cache); the test reads the same variable.

set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
CACHE=${LSPGEN_E2E_CACHE:-/opt/lspgen-e2e-cache}
PLAYWRIGHT_VERSION=1.65.1   # keep equal to tests/vscode-e2e/setup.sh: both use $CACHE/playwright

log() { printf '[web-e2e setup] %s\n' "$*" >&2; }
mkdir -p "$CACHE"

if ! command -v chromium >/dev/null; then
  log "apt-get install chromium"
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium
fi

if [ "$(cat "$CACHE/playwright/.stamp" 2>/dev/null)" = "$PLAYWRIGHT_VERSION" ]; then
  log "playwright-core $PLAYWRIGHT_VERSION: cached"
else
  log "playwright-core $PLAYWRIGHT_VERSION: npm install"
  rm -rf "$CACHE/playwright" && mkdir -p "$CACHE/playwright"
  (cd "$CACHE/playwright" && echo '{"private":true}' > package.json &&
     npm install --no-audit --no-fund --no-save --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION")
  echo "$PLAYWRIGHT_VERSION" > "$CACHE/playwright/.stamp"
fi
log "ready in $CACHE"
