#!/usr/bin/env bash
# End-to-end suite: every spec in examples/*.spec.yaml and every PRD in examples/*.prd.md is compiled
# with lspgen, and the generated
# project is proven to work inside the Debian trixie test environment (tests/trixie-pyenv.sh)
# against a real PostgreSQL server that this script starts (a fresh cluster per run, a fresh
# database per project). Checks per project, each counted as one test case:
#   generate     lspgen generate exits 0
#   regenerate   a second generate into the same folder exits 0 and changes no byte
#   upgrade      alembic upgrade head
#   pytest       the generated test suite: all pass, none skipped, none errored (from its JUnit XML)
#   downgrade    alembic downgrade base, then upgrade head again (the migration round-trips)
#   boot         uvicorn on 127.0.0.1: /docs and /health answer 200 and /openapi.json has exactly
#                the paths and methods of the generated openapi.yaml
# The last line printed is "N passed, N failed"; the exit status is 0 only when nothing failed.
#
# Usage (as root): bash tests/e2e/run.sh [SPEC...]        default: examples/*.spec.yaml examples/*.prd.md
#                                                          tests/e2e/samples/*.spec.yaml
# Environment:
#   LSPGEN_BIN             path of the lspgen binary to test (tests/run-all.sh: the native AOT one); wins over LSPGEN
#   LSPGEN                 command that runs lspgen (default: builds server/LspGen.Cli in Release)
#   LSPGEN_E2E_PG_PORT     PostgreSQL port (default 55450)
#   LSPGEN_E2E_APP_PORT    port for the uvicorn boot check (default 55451)
#   LSPGEN_E2E_KEEP=1      keep the work folder (generated projects, logs) for inspection
#   TRIXIE_PYENV_ROOT      where the test environment lives (see tests/trixie-pyenv.sh)

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
PYENV="$REPO/tests/trixie-pyenv.sh"
PG_PORT=${LSPGEN_E2E_PG_PORT:-55450}
APP_PORT=${LSPGEN_E2E_APP_PORT:-55451}
SECRET_KEY="e2e-only-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"

passed=0
failed=0
uvicorn_pid=
WORK=

say() { printf '%s\n' "$*"; }
die() { printf 'e2e: error: %s\n' "$*" >&2; say "0 passed, 1 failed"; exit 1; }

cleanup() {
  if [ -n "$uvicorn_pid" ]; then kill -TERM "$uvicorn_pid" 2>/dev/null; wait "$uvicorn_pid" 2>/dev/null; fi
  bash "$PYENV" pg-stop "$PG_PORT" --purge >/dev/null 2>&1
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if [ "${LSPGEN_E2E_KEEP:-0}" = 1 ]; then say "e2e: kept $WORK" >&2; else rm -rf -- "$WORK"; fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

[ "$(id -u)" = 0 ] || die "run as root: the test environment is a chroot (see tests/trixie-pyenv.sh)"

# Two runs on the same PostgreSQL port would purge each other's cluster: take turns.
lock_dir=/run/lock; [ -d "$lock_dir" ] && [ -w "$lock_dir" ] || lock_dir=/tmp
exec 8>"$lock_dir/lspgen-e2e.$PG_PORT.lock"
if ! flock -n 8; then
  say "e2e: another run uses PostgreSQL port $PG_PORT; waiting for it (or set LSPGEN_E2E_PG_PORT)" >&2
  flock -w 3600 8 || die "timed out waiting for the other e2e run on port $PG_PORT"
fi

# ---------------------------------------------------------------- one check = one test case
# check PROJECT NAME COMMAND...: runs COMMAND with output to a log; prints ok/FAIL and, on failure,
# the end of the log.
check() {
  local project=$1 name=$2; shift 2
  local log="$WORK/logs/$project.$name.log" t0=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    say "ok   $project: $name ($((SECONDS - t0))s) $(tail -n1 "$log" | cut -c1-100)"
    return 0
  fi
  failed=$((failed + 1))
  say "FAIL $project: $name ($((SECONDS - t0))s) - last lines of $log:"
  tail -n 40 "$log" | sed 's/^/     | /'
  return 1
}

not_run() {  # the remaining checks of a project whose earlier step failed count as failures
  local project=$1; shift
  local name
  for name in "$@"; do
    failed=$((failed + 1))
    say "FAIL $project: $name (not run: an earlier step failed)"
  done
}

in_env() {  # in_env PROJECT_DIR DATABASE_URL COMMAND...: run inside the chroot, in the project folder
  local dir=$1 url=$2; shift 2
  bash "$PYENV" run -b "$WORK" -w "$dir" -e "DATABASE_URL=$url" -e "SECRET_KEY=$SECRET_KEY" \
    -e PYTHONDONTWRITEBYTECODE=1 -- "$@"
}

regenerate_is_noop() {
  local spec=$1 dir=$2
  cp -a "$dir" "$dir.before"
  $LSPGEN generate "$spec" --out "$dir" || return 1
  diff -r "$dir.before" "$dir" && rm -rf -- "$dir.before" && echo "no file changed"
}

pytest_all_pass() {
  local dir=$1 url=$2 name=$3
  in_env "$dir" "$url" timeout 1200 python3 -m pytest -q -p no:cacheprovider --junitxml="$WORK/results/$name.xml"
  local rc=$?
  [ -f "$WORK/results/$name.xml" ] || { echo "pytest wrote no report (exit $rc)"; return 1; }
  in_env "$dir" "$url" python3 "$WORK/check_junit.py" "$WORK/results/$name.xml" && [ $rc = 0 ]
}

downgrade_round_trip() {
  local dir=$1 url=$2
  in_env "$dir" "$url" timeout 300 alembic downgrade base &&
    in_env "$dir" "$url" timeout 300 alembic upgrade head
}

boot() {
  local dir=$1 url=$2 rc
  if (exec 3<>"/dev/tcp/127.0.0.1/$APP_PORT") 2>/dev/null; then
    echo "port $APP_PORT is already in use; set LSPGEN_E2E_APP_PORT to a free port"; return 1
  fi
  # Started directly (not through a function) so that $! is the process that becomes uvicorn:
  # trixie-pyenv.sh execs through unshare and chroot into it, and the kill below reaches it.
  bash "$PYENV" run -b "$WORK" -w "$dir" -e "DATABASE_URL=$url" -e "SECRET_KEY=$SECRET_KEY" \
    -e PYTHONDONTWRITEBYTECODE=1 -- python3 -m uvicorn app.main:app --host 127.0.0.1 --port "$APP_PORT" \
    >"$WORK/logs/uvicorn.log" 2>&1 8>&- &
  uvicorn_pid=$!
  in_env "$dir" "$url" timeout 120 python3 "$WORK/check_boot.py" "http://127.0.0.1:$APP_PORT" "$dir"
  rc=$?
  kill -TERM "$uvicorn_pid" 2>/dev/null
  wait "$uvicorn_pid" 2>/dev/null
  uvicorn_pid=
  if [ $rc != 0 ]; then echo "--- uvicorn log:"; tail -n 30 "$WORK/logs/uvicorn.log"; fi
  return $rc
}

# ---------------------------------------------------------------- setup
specs=("$@")
if [ ${#specs[@]} = 0 ]; then specs=("$REPO"/examples/*.spec.yaml "$REPO"/examples/*.prd.md "$REPO"/tests/e2e/samples/*.spec.yaml); fi
[ -e "${specs[0]}" ] || die "no specs found in $REPO/examples"

WORK=$(mktemp -d /tmp/lspgen-e2e.XXXXXX)
mkdir -p "$WORK/logs" "$WORK/results" "$WORK/projects"
cp "$REPO/tests/e2e/check_boot.py" "$REPO/tests/e2e/check_junit.py" "$WORK/"

if [ -n "${LSPGEN_BIN:-}" ]; then
  # tests/run-all.sh sets it to the native binary of tests/aot/run.sh: no silent fallback to another build.
  [ -x "$LSPGEN_BIN" ] || die "LSPGEN_BIN=$LSPGEN_BIN is not an executable lspgen (tests/run-all.sh takes it from the aot suite: did its publish fail?)"
  LSPGEN=$LSPGEN_BIN
elif [ -z "${LSPGEN:-}" ]; then
  dotnet build "$REPO/server/LspGen.Cli" -c Release -v quiet -nologo >"$WORK/logs/build.log" 2>&1 ||
    { cat "$WORK/logs/build.log" >&2; die "building lspgen failed"; }
  LSPGEN="dotnet $REPO/server/LspGen.Cli/bin/Release/net10.0/lspgen.dll"
fi

t_env=$SECONDS
bash "$PYENV" ensure >"$WORK/logs/pyenv-ensure.log" 2>&1 ||
  { tail -n 40 "$WORK/logs/pyenv-ensure.log" >&2; die "could not create the test environment (tests/trixie-pyenv.sh ensure)"; }
# 8>&-: the server must not inherit (and hold forever) the lock taken above.
bash "$PYENV" pg-start "$PG_PORT" --fresh >"$WORK/logs/pg-start.log" 2>&1 8>&- ||
  { cat "$WORK/logs/pg-start.log" >&2; die "could not start PostgreSQL on port $PG_PORT"; }
say "e2e: environment and PostgreSQL ready in $((SECONDS - t_env))s; ${#specs[@]} specs; work folder $WORK"

# ---------------------------------------------------------------- per project
index=0
for spec in "${specs[@]}"; do
  index=$((index + 1))
  name=$(basename "$spec"); name=${name%.spec.yaml}; name=${name%.yaml}; name=${name%.prd.md}
  dir="$WORK/projects/$name"
  t_project=$SECONDS
  if ! check "$name" generate $LSPGEN generate "$spec" --out "$dir"; then
    not_run "$name" regenerate upgrade pytest downgrade boot; continue
  fi
  check "$name" regenerate regenerate_is_noop "$spec" "$dir"
  url=$(bash "$PYENV" pg-start "$PG_PORT" --db "e2e_$index" --user e2e --password e2e 2>>"$WORK/logs/pg-start.log" 8>&-) ||
    { not_run "$name" upgrade pytest downgrade boot; continue; }
  if ! check "$name" upgrade in_env "$dir" "$url" timeout 300 alembic upgrade head; then
    not_run "$name" pytest downgrade boot; continue
  fi
  check "$name" pytest pytest_all_pass "$dir" "$url" "$name"
  check "$name" downgrade downgrade_round_trip "$dir" "$url"
  check "$name" boot boot "$dir" "$url"
  say "     $name took $((SECONDS - t_project))s"
done

say "e2e: finished in ${SECONDS}s"
say "$passed passed, $failed failed"
[ "$failed" = 0 ]
