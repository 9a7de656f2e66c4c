#!/usr/bin/env bash
# Native AOT suite: publishes the native `lspgen` once (warnings are errors, so any AOT or trim
# warning fails the publish) and proves it behaves exactly like the JIT build:
#   publish      dotnet publish -p:PublishAot=true succeeds; the binary runs on no .NET runtime
#   version      `lspgen --version` prints the same line in both builds
#   validate     per example: the same stdout, stderr and exit code
#   generate     per example (every examples/*.spec.yaml and *.prd.md): `generate --out` trees
#                compared byte for byte (file list and contents), and `generate --zip -` bytes
#   serve        `lspgen serve --port 0` of the native binary: the page, /api/config,
#                /api/validate and /api/generate answer over curl; the zip equals the JIT CLI's
#   lsp          `lspgen lsp --stdio` of the native binary answers initialize, shutdown and exit
# Prints "ok N - …" / "not ok N - …" per check and ends with "N passed, N failed".
#
# Usage: bash tests/aot/run.sh
# Environment:
#   LSPGEN_DLL        the JIT build to compare with (default server/LspGen.Cli/bin/Debug/net10.0/lspgen.dll,
#                     which tests/run-all.sh builds; built here when missing)
#   LSPGEN_AOT_CACHE  where published binaries are kept, one folder per source tree (default
#                     ${XDG_CACHE_HOME:-$HOME/.cache}/lspgen-aot); an unchanged tree is not published again
#   LSPGEN_AOT_LINK   if set, a path at which to leave a symlink to the native binary (tests/run-all.sh
#                     passes one and hands the binary to the later suites as LSPGEN_BIN)

set -uo pipefail
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$REPO" || exit 2
JIT_DLL=${LSPGEN_DLL:-$REPO/server/LspGen.Cli/bin/Debug/net10.0/lspgen.dll}
CACHE=${LSPGEN_AOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lspgen-aot}
WORK=$(mktemp -d /tmp/lspgen-aot.XXXXXX)
serve_pid=
cleanup() {
  if [ -n "$serve_pid" ]; then kill -TERM "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; fi
  rm -rf -- "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
n=0
ok() { n=$((n + 1)); passed=$((passed + 1)); printf 'ok %d - %s\n' "$n" "$1"; }
not_ok() {  # not_ok NAME [DETAIL FILE]
  n=$((n + 1)); failed=$((failed + 1)); printf 'not ok %d - %s\n' "$n" "$1"
  if [ -n "${2:-}" ] && [ -s "$2" ]; then sed -n '1,40s/^/#   /p' "$2"; fi
}
finish() { printf '%s passed, %s failed\n' "$passed" "$failed"; [ "$failed" = 0 ]; exit $?; }

# ---------------------------------------------------------------- the JIT build
if [ ! -f "$JIT_DLL" ]; then
  dotnet build server/LspGen.Cli -c Debug -nologo -v quiet >"$WORK/jit-build.log" 2>&1 ||
    { not_ok "build the JIT lspgen" "$WORK/jit-build.log"; finish; }
fi
jit() { dotnet "$JIT_DLL" "$@"; }

# ---------------------------------------------------------------- publish (cached by source tree)
# The key is every input of the binary: the tracked and new files under server/, templates/,
# schemas/, examples/ (the web page embeds two), docs/diagnostics.md and the build props, plus the SDK.
key=$( {
  dotnet --version
  git ls-files -z --cached --others --exclude-standard -- server templates schemas examples \
    docs/diagnostics.md Directory.Build.props | grep -zv -e '/bin/' -e '/obj/' | sort -z | xargs -0 sha256sum
} | sha256sum | cut -c1-16)
OUT="$CACHE/$key"
BIN="$OUT/lspgen"
if [ -x "$BIN" ]; then
  touch "$OUT"
  ok "publish native AOT lspgen (cached: $OUT)"
else
  mkdir -p "$CACHE"
  rm -rf -- "$OUT.tmp.$$" "$OUT"
  t0=$(date +%s%N)
  if dotnet publish server/LspGen.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$OUT.tmp.$$" -nologo \
       >"$WORK/publish.log" 2>&1; then
    seconds=$(( ($(date +%s%N) - t0) / 1000000000 ))
    mv -T "$OUT.tmp.$$" "$OUT" 2>/dev/null || rm -rf -- "$OUT.tmp.$$"  # another run was first: same tree, same binary
    # Binaries of trees not tested for two days go (not younger ones: another work tree may use them).
    find "$CACHE" -mindepth 1 -maxdepth 1 -mtime +1 -exec rm -rf -- {} +
    ok "publish native AOT lspgen in ${seconds}s, $(( $(stat -c %s "$BIN") / 1048576 )) MB, no warning"
  else
    grep -E 'warning|error' "$WORK/publish.log" | sort -u >"$WORK/publish.errors"
    tail -n 5 "$WORK/publish.log" >>"$WORK/publish.errors"
    not_ok "publish native AOT lspgen" "$WORK/publish.errors"
    finish
  fi
fi
if [ -n "${LSPGEN_AOT_LINK:-}" ]; then ln -sfn "$BIN" "$LSPGEN_AOT_LINK"; fi
aot() { "$BIN" "$@"; }

# The binary is native: no lspgen.dll beside it, and it starts without the .NET host.
if [ ! -e "$OUT/lspgen.dll" ] && head -c 4 "$BIN" | grep -q 'ELF' && DOTNET_ROOT=/nonexistent aot --version >/dev/null 2>&1; then
  ok "the binary is native (ELF, no lspgen.dll, runs without DOTNET_ROOT)"
else
  not_ok "the binary is native (ELF, no lspgen.dll, runs without DOTNET_ROOT)"
fi

# ---------------------------------------------------------------- version
same_run() {  # same_run NAME ARGS...: stdout, stderr and exit code equal in both builds
  local name=$1; shift
  jit "$@" >"$WORK/jit.out" 2>"$WORK/jit.err"; local jrc=$?
  aot "$@" >"$WORK/aot.out" 2>"$WORK/aot.err"; local arc=$?
  if [ "$jrc" = "$arc" ] && cmp -s "$WORK/jit.out" "$WORK/aot.out" && cmp -s "$WORK/jit.err" "$WORK/aot.err"; then
    ok "$name (exit $arc)"
  else
    { echo "exit: jit $jrc, aot $arc"; diff "$WORK/jit.out" "$WORK/aot.out"; diff "$WORK/jit.err" "$WORK/aot.err"; } >"$WORK/diff" 2>&1
    not_ok "$name" "$WORK/diff"
  fi
}
same_run "--version" --version
version=$(aot --version)
if [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then ok "--version prints a bare version ($version)"; else not_ok "--version prints a bare version (got '$version')"; fi

# ---------------------------------------------------------------- every example
specs=(examples/*.spec.yaml examples/*.prd.md)
for spec in "${specs[@]}"; do
  name=$(basename "$spec")
  same_run "validate $name" validate "$spec"
  rm -rf -- "$WORK/jit-tree" "$WORK/aot-tree"
  jit generate "$spec" --out "$WORK/jit-tree" >"$WORK/jit.log" 2>&1; jrc=$?
  aot generate "$spec" --out "$WORK/aot-tree" >"$WORK/aot.log" 2>&1; arc=$?
  if [ "$jrc" != 0 ] || [ "$arc" != 0 ]; then
    { echo "exit: jit $jrc, aot $arc"; cat "$WORK/aot.log"; } >"$WORK/diff"
    not_ok "generate $name: identical trees" "$WORK/diff"
  elif (cd "$WORK/jit-tree" && find . -type f | sort) >"$WORK/jit.files" &&
       (cd "$WORK/aot-tree" && find . -type f | sort) >"$WORK/aot.files" &&
       cmp -s "$WORK/jit.files" "$WORK/aot.files" && diff -r "$WORK/jit-tree" "$WORK/aot-tree" >"$WORK/diff" 2>&1; then
    ok "generate $name: identical trees ($(wc -l <"$WORK/aot.files") files)"
  else
    diff "$WORK/jit.files" "$WORK/aot.files" >>"$WORK/diff" 2>&1
    not_ok "generate $name: identical trees" "$WORK/diff"
  fi
  jit generate "$spec" --zip - >"$WORK/jit.zip" 2>"$WORK/jit.err"
  aot generate "$spec" --zip - >"$WORK/aot.zip" 2>"$WORK/aot.err"
  if [ -s "$WORK/aot.zip" ] && cmp -s "$WORK/jit.zip" "$WORK/aot.zip"; then ok "generate $name --zip -: identical bytes"
  else not_ok "generate $name --zip -: identical bytes" "$WORK/aot.err"; fi
done

# ---------------------------------------------------------------- serve
"$BIN" serve --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &  # not the aot function: $! must be lspgen itself
serve_pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's|^LspGen web generator: \(http://[^ ]*\)/$|\1|p' "$WORK/serve.out" | head -n1)
  [ -n "$url" ] && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$WORK/serve.out" "$WORK/serve.err" >"$WORK/diff"
  not_ok "serve starts and prints its address" "$WORK/diff"
else
  ok "serve starts and prints its address ($url)"
  # check NAME EXPECTED_STATUS GREP_PATTERN CURL_ARGS...
  check() {
    local name=$1 want=$2 pattern=$3; shift 3
    local got
    got=$(curl -sS -o "$WORK/body" -w '%{http_code}' "$@" 2>"$WORK/curl.err")
    if [ "$got" = "$want" ] && grep -q -- "$pattern" "$WORK/body"; then ok "serve: $name ($got)"
    else { echo "status $got"; cat "$WORK/curl.err"; head -c 2000 "$WORK/body"; echo; cat "$WORK/serve.err"; } >"$WORK/diff"; not_ok "serve: $name" "$WORK/diff"; fi
  }
  json=(-H 'Content-Type: application/json')
  check "GET / is the page" 200 '<title>' "$url/"
  check "GET /api/config" 200 '"draft":false' "$url/api/config"
  node -e 'process.stdout.write(JSON.stringify({text: require("fs").readFileSync(process.argv[1], "utf8")}))' \
    examples/task_manager.spec.yaml >"$WORK/valid.json"
  check "POST /api/validate a valid spec" 200 '"errors":0' "${json[@]}" --data-binary @"$WORK/valid.json" "$url/api/validate"
  check "POST /api/validate a broken spec" 200 '"code":"LSG' "${json[@]}" --data-binary '{"text": "spec_version: 1.0\nentities: 3\n"}' "$url/api/validate"
  check "POST /api/validate without JSON is a JSON 415" 415 '"error"' --data-binary 'text' "$url/api/validate"
  check "POST /api/draft when drafting is off is a JSON 404" 404 '"error"' "${json[@]}" --data-binary '{"description": "a todo app"}' "$url/api/draft"
  code=$(curl -sS -o "$WORK/serve.zip" -w '%{http_code}' "${json[@]}" --data-binary @"$WORK/valid.json" "$url/api/generate" 2>"$WORK/curl.err")
  jit generate examples/task_manager.spec.yaml --zip - >"$WORK/jit.zip" 2>/dev/null
  if [ "$code" = 200 ] && [ -s "$WORK/serve.zip" ] && cmp -s "$WORK/serve.zip" "$WORK/jit.zip"; then
    ok "serve: POST /api/generate is the JIT CLI's zip, byte for byte"
  else
    { echo "status $code"; cat "$WORK/curl.err"; head -c 2000 "$WORK/serve.zip"; echo; cat "$WORK/serve.err"; } >"$WORK/diff"
    not_ok "serve: POST /api/generate is the JIT CLI's zip, byte for byte" "$WORK/diff"
  fi
  kill -TERM "$serve_pid"
  if wait "$serve_pid"; then ok "serve stops cleanly on SIGTERM (exit 0)"; else not_ok "serve stops cleanly on SIGTERM (exit $?)" "$WORK/serve.err"; fi
  serve_pid=
fi

# ---------------------------------------------------------------- lsp
# One initialize → shutdown → exit conversation over stdio; the exit code must be 0.
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{
  frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
  frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
  frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
  frame '{"jsonrpc":"2.0","method":"exit"}'
} >"$WORK/lsp.in"
timeout 20 "$BIN" lsp --stdio <"$WORK/lsp.in" >"$WORK/lsp.out" 2>"$WORK/lsp.err"; lrc=$?
if [ "$lrc" = 0 ] && grep -q '"capabilities"' "$WORK/lsp.out" && grep -q '"id":2' "$WORK/lsp.out"; then
  ok "lsp: initialize, shutdown and exit answered (exit 0)"
else
  { echo "exit $lrc"; head -c 2000 "$WORK/lsp.out"; echo; cat "$WORK/lsp.err"; } >"$WORK/diff"
  not_ok "lsp: initialize, shutdown and exit answered" "$WORK/diff"
fi

finish
