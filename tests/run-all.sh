#!/usr/bin/env bash
# THE test command of LspGen: installs what is missing (tests/setup.sh), builds the solution and
# runs every suite,
#   dotnet   all xunit projects of LspGen.sln (counts from each assembly's summary line)
#   aot      tests/aot/run.sh: the native AOT lspgen published (no warning) and compared with the JIT
#            build byte for byte on every example (generate, validate, serve, lsp); the suites below
#            that run lspgen as a program (lsp-client, e2e, e2e-migrations) get that binary as LSPGEN_BIN
#   tool     tests/tool/run.sh: lspgen packed as a .NET tool, installed, run, output compared
#   node     vscode-extension and every tests/*/package.json with a "test" script (node --test, TAP)
#   e2e      tests/e2e/run.sh: each example spec generated, migrated, tested and booted against
#            a real PostgreSQL inside the trixie test environment (needs root)
#   e2e-migrations  tests/e2e/migrations.sh: a walk of spec versions regenerated into one project,
#            each new revision applied to one database that keeps its rows (needs root); it runs
#            alongside e2e (its own PostgreSQL port and work folder)
# then prints ONE final line "N passed, N failed" summing every suite, and exits non-zero if
# anything failed. A skipped test counts as failed: a skip here would hide a missing dependency.
#
# Usage: bash tests/run-all.sh          (as root for the e2e suite; see README.md)

set -uo pipefail
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO" || exit 2
LOGS=$(mktemp -d /tmp/lspgen-run-all.XXXXXX)
e2e_pids=()
# The e2e suites run in the background; stop them (by PID) if this script ends first.
trap '[ ${#e2e_pids[@]} = 0 ] || kill -TERM "${e2e_pids[@]}" 2>/dev/null; rm -rf -- "$LOGS"' EXIT

total_passed=0
total_failed=0
summary=()

record() {  # record SUITE PASSED FAILED
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
  summary+=("$(printf '%-16s %s passed, %s failed' "$1" "$2" "$3")")
  printf '== %s: %s passed, %s failed\n' "$1" "$2" "$3"
}

# ---------------------------------------------------------------- setup
# Installs what is missing (idempotent, seconds when everything is cached); LSPGEN_SKIP_SETUP=1
# skips it on a machine prepared by hand.
if [ "${LSPGEN_SKIP_SETUP:-0}" != 1 ]; then
  printf '== setup\n'
  if ! bash tests/setup.sh; then
    record setup 0 1
    printf '%s passed, %s failed\n' "$total_passed" "$total_failed"
    exit 1
  fi
fi

# ---------------------------------------------------------------- build
printf '== build\n'
dotnet build LspGen.sln -c Debug -nologo -v quiet >"$LOGS/build.log" 2>&1
if [ $? != 0 ]; then
  grep -E 'error' "$LOGS/build.log" | sort -u | head -n 30
  tail -n 5 "$LOGS/build.log"
  record build 0 1
  printf '%s passed, %s failed\n' "$total_passed" "$total_failed"
  exit 1
fi
LSPGEN_DLL="$REPO/server/LspGen.Cli/bin/Debug/net10.0/lspgen.dll"

# ---------------------------------------------------------------- dotnet test
printf '== dotnet test\n'
dotnet test LspGen.sln --no-build -c Debug -nologo 2>&1 | tee "$LOGS/dotnet.log" |
  grep -E '^\s*(Passed!|Failed!)|^\s*Failed |error' || true
dotnet_rc=${PIPESTATUS[0]}
# "Passed!  - Failed:     0, Passed:    60, Skipped:     0, Total:    60, Duration: ... - X.dll"
read -r p f s n < <(awk '
  /(Passed|Failed)! +- Failed: / {
    gsub(/,/, ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1)
      if ($i == "Skipped:") s += $(i+1) }
    n++ }
  END { print p + 0, f + 0, s + 0, n + 0 }' "$LOGS/dotnet.log")
if [ "$s" != 0 ]; then printf 'dotnet: %s skipped test(s) counted as failed\n' "$s"; fi
if [ "$dotnet_rc" != 0 ] && [ "$f" = 0 ]; then
  printf 'dotnet test exited with %s without a failed test; last lines:\n' "$dotnet_rc"; tail -n 30 "$LOGS/dotnet.log"
  f=1
fi
[ "$n" != 0 ] || { echo "dotnet test reported no test assembly"; f=$((f + 1)); }
record dotnet "$p" $((f + s))

# ---------------------------------------------------------------- aot and tool
# tests/aot/run.sh publishes the native lspgen (cached per source tree) and compares it with the JIT
# build; the later suites that run lspgen as a program (lsp-client, e2e, e2e-migrations) then drive
# that native binary through LSPGEN_BIN, and fail, rather than fall back, when it is missing.
# tests/tool/run.sh packs lspgen as a .NET tool, installs it and compares its output.
run_tap_suite() {  # run_tap_suite NAME SCRIPT [VAR=VALUE...]: a script that ends with "N passed, N failed"
  printf '== %s\n' "$1"
  env LSPGEN_DLL="$LSPGEN_DLL" "${@:3}" bash "$2" >"$LOGS/$1.log" 2>&1
  local rc=$? p f
  grep -E '^(not )?ok |^#' "$LOGS/$1.log" || true
  read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 } END { print p + 0, f + 0 }' "$LOGS/$1.log")
  if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/$1.log"; then echo "$1: no summary line; last lines:"; tail -n 20 "$LOGS/$1.log"; f=$((f + 1))
  elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then echo "$1 exited with $rc"; f=1; fi
  record "$1" "$p" "$f"
}
LSPGEN_BIN="$LOGS/lspgen-aot"
run_tap_suite aot tests/aot/run.sh LSPGEN_AOT_LINK="$LSPGEN_BIN"
export LSPGEN_BIN
run_tap_suite tool tests/tool/run.sh

# ---------------------------------------------------------------- node suites
# Each tests/<suite>/package.json with a "test" script is a node --test suite; its dependencies come
# from `npm ci` at the root (and tests/<suite>/setup.sh, which .ci/run calls). Missing ones fail.
for pkg in vscode-extension/package.json tests/*/package.json; do
  [ -f "$pkg" ] || continue
  dir=$(dirname "$pkg"); name=node:$(basename "$dir")
  grep -q '"test"' "$pkg" || continue
  printf '== %s\n' "$name"
  if ! command -v node >/dev/null || { [ ! -d node_modules ] && [ ! -d "$dir/node_modules" ]; }; then
    echo "$name: node or its dependencies are missing: install Node.js and run 'npm ci' at the repository root"
    record "$name" 0 1; continue
  fi
  # node --test reports in TAP when its output is not a terminal, as here.
  ( cd "$dir" && LSPGEN_CLI="dotnet $LSPGEN_DLL" npm test --silent ) >"$LOGS/$name.log" 2>&1
  node_rc=$?
  p=$(awk '/^# pass /{print $3}' "$LOGS/$name.log" | tail -n1)
  f=$(awk '/^# (fail|cancelled|skipped|todo) /{s += $3} END {print s + 0}' "$LOGS/$name.log")
  grep -E '^not ok|^# (fail|skipped|todo|cancelled) [1-9]' "$LOGS/$name.log" || true
  if [ -z "$p" ]; then echo "$name: no TAP summary; last lines:"; tail -n 30 "$LOGS/$name.log"; p=0; f=$((f + 1))
  elif [ "$node_rc" != 0 ] && [ "$f" = 0 ]; then echo "$name: exited with $node_rc"; tail -n 30 "$LOGS/$name.log"; f=1; fi
  record "$name" "$p" "$f"
done

# ---------------------------------------------------------------- end-to-end
# Both suites run at once (different PostgreSQL ports and work folders); each writes its own log,
# printed whole once both have finished, so their lines never interleave.
printf '== e2e and e2e-migrations (in parallel)\n'
e2e_suites=(e2e e2e-migrations)
bash tests/e2e/run.sh >"$LOGS/e2e.log" 2>&1 &
e2e_pids+=($!)
bash tests/e2e/migrations.sh >"$LOGS/e2e-migrations.log" 2>&1 &
e2e_pids+=($!)
e2e_rcs=()
for pid in "${e2e_pids[@]}"; do wait "$pid"; e2e_rcs+=($?); done
e2e_pids=()
for i in "${!e2e_suites[@]}"; do
  suite=${e2e_suites[$i]}
  printf '== %s\n' "$suite"
  cat "$LOGS/$suite.log"
  read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 } END { print p + 0, f + 0 }' "$LOGS/$suite.log")
  if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/$suite.log"; then f=$((f + 1))
  elif [ "${e2e_rcs[$i]}" != 0 ] && [ "$f" = 0 ]; then echo "$suite exited with ${e2e_rcs[$i]}"; f=1; fi
  record "$suite" "$p" "$f"
done

# ---------------------------------------------------------------- total
printf '%s\n' "${summary[@]}"
printf '%s passed, %s failed\n' "$total_passed" "$total_failed"
[ "$total_failed" = 0 ]
