#!/usr/bin/env bash
# .NET tool suite: `dotnet pack server/LspGen.Cli` makes the lspgen tool package; it is installed
# from that folder exactly as README.md tells users to (`dotnet tool install lspgen --add-source
# <folder>`, here with --tool-path into a temporary folder), and the installed `lspgen` must print
# the JIT build's --version and generate examples/task_manager.spec.yaml into the same bytes.
# Each step is one check ("ok N - …"); the last line is "N passed, N failed". A failed pack or
# install fails the suite.
#
# Usage: bash tests/tool/run.sh
# Environment:
#   LSPGEN_DLL   the JIT build to compare with (default server/LspGen.Cli/bin/Debug/net10.0/lspgen.dll;
#                built here when missing)

set -uo pipefail
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$REPO" || exit 2
JIT_DLL=${LSPGEN_DLL:-$REPO/server/LspGen.Cli/bin/Debug/net10.0/lspgen.dll}
WORK=$(mktemp -d /tmp/lspgen-tool.XXXXXX)
trap 'rm -rf -- "$WORK"' EXIT

passed=0
failed=0
n=0
ok() { n=$((n + 1)); passed=$((passed + 1)); printf 'ok %d - %s\n' "$n" "$1"; }
not_ok() {  # not_ok NAME [DETAIL FILE]
  n=$((n + 1)); failed=$((failed + 1)); printf 'not ok %d - %s\n' "$n" "$1"
  if [ -n "${2:-}" ] && [ -s "$2" ]; then sed -n '1,40s/^/#   /p' "$2"; fi
}
finish() { printf '%s passed, %s failed\n' "$passed" "$failed"; [ "$failed" = 0 ]; exit $?; }

if [ ! -f "$JIT_DLL" ]; then
  dotnet build server/LspGen.Cli -c Debug -nologo -v quiet >"$WORK/jit-build.log" 2>&1 ||
    { not_ok "build the JIT lspgen" "$WORK/jit-build.log"; finish; }
fi

# ---------------------------------------------------------------- pack
t0=$SECONDS
if dotnet pack server/LspGen.Cli -c Release -o "$WORK/feed" -nologo >"$WORK/pack.log" 2>&1 &&
   package=$(ls "$WORK"/feed/lspgen.*.nupkg 2>/dev/null) && [ -n "$package" ]; then
  ok "dotnet pack server/LspGen.Cli: $(basename "$package") in $((SECONDS - t0))s"
else
  not_ok "dotnet pack server/LspGen.Cli" "$WORK/pack.log"
  finish
fi
# A tool package: the settings file that names the command, and the program for any runtime.
unzip -l "$package" >"$WORK/contents" 2>&1
if grep -q 'tools/net10.0/any/DotnetToolSettings.xml' "$WORK/contents" && grep -q 'tools/net10.0/any/lspgen.dll' "$WORK/contents" &&
   unzip -p "$package" tools/net10.0/any/DotnetToolSettings.xml | grep -q '<Command Name="lspgen"'; then
  ok "the package is a .NET tool with the command lspgen"
else
  not_ok "the package is a .NET tool with the command lspgen" "$WORK/contents"
fi

# ---------------------------------------------------------------- install
# An own global-packages folder: a lspgen of the same version installed before (from an older tree)
# must not be taken from the machine's NuGet cache instead of this package. The config file lists no
# source, so only --add-source is asked: a package of the same name elsewhere cannot win.
printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n' >"$WORK/nuget.config"
if NUGET_PACKAGES="$WORK/nuget-packages" dotnet tool install lspgen --tool-path "$WORK/tools" \
     --add-source "$WORK/feed" --configfile "$WORK/nuget.config" >"$WORK/install.log" 2>&1 &&
   [ -x "$WORK/tools/lspgen" ]; then
  ok "dotnet tool install lspgen --tool-path <tmp> --add-source <folder>"
else
  not_ok "dotnet tool install lspgen --tool-path <tmp> --add-source <folder>" "$WORK/install.log"
  finish
fi
tool="$WORK/tools/lspgen"

# ---------------------------------------------------------------- run
want=$(dotnet "$JIT_DLL" --version 2>&1)
got=$("$tool" --version 2>&1)
if [ -n "$got" ] && [ "$got" = "$want" ] && [ "$(basename "$package")" = "lspgen.$got.nupkg" ]; then
  ok "installed lspgen --version prints $got, the JIT build's and the package's version"
else printf 'tool: %s\njit: %s\npackage: %s\n' "$got" "$want" "$(basename "$package")" >"$WORK/diff"; not_ok "installed lspgen --version" "$WORK/diff"; fi

spec=examples/task_manager.spec.yaml
dotnet "$JIT_DLL" generate "$spec" --out "$WORK/jit-tree" >"$WORK/jit.log" 2>&1; jrc=$?
"$tool" generate "$spec" --out "$WORK/tool-tree" >"$WORK/tool.log" 2>&1; trc=$?
if [ "$jrc" = 0 ] && [ "$trc" = 0 ] && diff -r "$WORK/jit-tree" "$WORK/tool-tree" >"$WORK/diff" 2>&1; then
  ok "installed lspgen generate $spec: the JIT build's tree, byte for byte ($(find "$WORK/tool-tree" -type f | wc -l) files)"
else
  { echo "exit: jit $jrc, tool $trc"; cat "$WORK/tool.log"; } >>"$WORK/diff"
  not_ok "installed lspgen generate $spec: the JIT build's tree" "$WORK/diff"
fi

finish
