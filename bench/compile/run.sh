#!/usr/bin/env bash
# Compile benchmark: publishes lspgen ReadyToRun and native AOT, then measures the in-process pipeline,
# the ReadyToRun CLI on a 100-entity × 10-field spec, and both binaries side by side as whole processes
# (generate, validate, --version, lsp initialize, peak memory); rewrites the "Compiler" section of
# docs/performance.md.
# Usage: bash bench/compile/run.sh
#   LSPGEN_AOT_BIN=PATH  measure this native binary instead of publishing one (e.g. the one tests/aot/run.sh
#                        cached); the publish takes minutes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
publish=$(mktemp -d /tmp/lspgen-publish.XXXXXX)
trap 'rm -rf -- "$publish"' EXIT
dotnet publish server/LspGen.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$publish/r2r" -nologo -v quiet
aot=${LSPGEN_AOT_BIN:-}
if [ -z "$aot" ]; then
  t0=$SECONDS
  dotnet publish server/LspGen.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$publish/aot" -nologo -v quiet
  echo "native AOT publish: $((SECONDS - t0)) s"
  aot="$publish/aot/lspgen"
fi
dotnet run -c Release --project bench/compile -- --cli "$publish/r2r/lspgen" --aot "$aot" --write-docs docs/performance.md
