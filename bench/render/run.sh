#!/usr/bin/env bash
# Render benchmark, Scriban (this checkout) against Handlebars.Net (the pre-switch commit f50e172),
# side by side in one run: the same harness (bench/render) is built against both renderers.
# The reference is a temporary `git worktree` of f50e172, removed afterwards; nothing of it is kept.
# Usage: bash bench/render/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
reference_commit=f50e172
tmp=$(mktemp -d /tmp/lspgen-bench-render.XXXXXX)
cleanup() { git worktree remove --force "$tmp/reference" 2>/dev/null || true; rm -rf -- "$tmp"; }
trap cleanup EXIT

git worktree add --detach --quiet "$tmp/reference" "$reference_commit"
mkdir -p "$tmp/reference/bench/render"
cp bench/render/Program.cs bench/render/LspGen.Bench.Render.csproj "$tmp/reference/bench/render/"

dotnet build bench/render -c Release -o "$tmp/scriban" -nologo -v quiet
dotnet build "$tmp/reference/bench/render" -c Release -o "$tmp/handlebars" -nologo -v quiet

# Alternate the two so a busy machine affects both alike.
dotnet "$tmp/handlebars/LspGen.Bench.Render.dll" | sed 's/^RESULT/handlebars/' > "$tmp/handlebars.txt"
dotnet "$tmp/scriban/LspGen.Bench.Render.dll" | sed 's/^RESULT/scriban/' > "$tmp/scriban.txt"

echo "| entities | engine | warm median | warm min | cold (first render, fresh process) | allocated per render | files | chars |"
echo "|---|---|---|---|---|---|---|---|"
cat "$tmp/handlebars.txt" "$tmp/scriban.txt" | sort -t= -k2,2n -s | awk '{
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  printf "| %s | %s | %s ms | %s ms | %s ms | %s MB | %s | %s |\n", v["entities"], $1, v["warm_median_ms"], v["warm_min_ms"], v["cold_ms"], v["alloc_mb"], v["files"], v["chars"]
}'
