#!/usr/bin/env bash
# Compile benchmark: publishes lspgen ReadyToRun, then measures the in-process pipeline and the CLI on
# a 100-entity × 10-field spec and rewrites the "Compiler" section of docs/performance.md.
# Usage: bash bench/compile/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
publish=$(mktemp -d /tmp/lspgen-publish.XXXXXX)
trap 'rm -rf -- "$publish"' EXIT
dotnet publish server/LspGen.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$publish" -nologo -v quiet
dotnet run -c Release --project bench/compile -- --cli "$publish/lspgen" --write-docs docs/performance.md
