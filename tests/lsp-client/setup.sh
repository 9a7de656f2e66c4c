#!/usr/bin/env bash
# Installs what tests/lsp-client needs beyond npm packages: Neovim for nvim.test.mjs (bookworm's 0.7.2
# is enough). Idempotent; .ci/run calls it as root. Without nvim the test fails (it never skips).
set -euo pipefail
if command -v nvim >/dev/null; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends neovim
