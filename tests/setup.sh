#!/usr/bin/env bash
# Installs everything the test suites need on a Debian/Ubuntu machine, idempotently, caching heavy
# things outside the repository. tests/run-all.sh calls it first, so the one test command works on a
# fresh machine; on a prepared machine it takes seconds.
#   host packages   mmdebstrap (the chroot bootstrapper), node/npm if missing, clang, binutils and
#                   zlib1g-dev (NativeAOT's compiler and linker, for tests/aot/run.sh), unzip
#   npm             `npm ci` at the root when package-lock.json changed since the last install
#   suites          every tests/<suite>/setup.sh (editors, browsers; each caches outside the repo)
#   Python          the Debian trixie test environment (tests/trixie-pyenv.sh, cached in /opt)
# Needs root (apt-get, chroot).

set -euo pipefail
export DEBIAN_FRONTEND=noninteractive DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS

[ "$(id -u)" = 0 ] || die "run as root (apt-get installs, and the end-to-end suite uses a chroot): sudo bash tests/run-all.sh"
command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH): https://dotnet.microsoft.com/download"

need=()
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
command -v unshare >/dev/null || need+=(util-linux)
command -v flock >/dev/null || need+=(util-linux)
command -v diff >/dev/null || need+=(diffutils)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v unzip >/dev/null || need+=(unzip)
# The native AOT publish (tests/aot/run.sh): ILCompiler compiles and links with clang, through
# binutils' ld.bfd (its default linker on Linux, so lld is not needed), against zlib.
command -v clang >/dev/null || need+=(clang)
command -v ld.bfd >/dev/null || need+=(binutils)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
if [ ${#need[@]} -gt 0 ]; then
  log "installing host packages: ${need[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends ca-certificates "${need[@]}"
fi

# npm ci only when the lock file changed since the last successful install (it takes about a minute).
stamp=node_modules/.lspgen-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
  printf '%s\n' "$want" >"$stamp"
fi

for suite_setup in tests/*/setup.sh; do
  [ -f "$suite_setup" ] || continue
  log "bash $suite_setup"
  bash "$suite_setup"
done

log "trixie test environment (cached in ${TRIXIE_PYENV_ROOT:-/opt/trixie-py})"
bash tests/trixie-pyenv.sh ensure

log "ready in $((SECONDS - t0))s"
