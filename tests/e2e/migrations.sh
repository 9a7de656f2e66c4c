#!/usr/bin/env bash
# End-to-end suite for append-only migrations: the spec versions tests/e2e/migrations/vNN.spec.yaml
# (each one schema change from the previous one) are generated in turn into ONE project folder, and
# ONE long-lived database, filled with rows through the generated API at every step, follows the
# revision chain. A renamed_from stays in the versions after its rename, as it would in a real spec:
# a stale one must change nothing. Everything Python runs inside the Debian trixie test environment
# (tests/trixie-pyenv.sh) against a PostgreSQL server that this script starts. Checks per version,
# each counted as one test case:
#   generate    lspgen generate into the same folder exits 0 and reports no conflict
#   revisions   every earlier revision file is byte-identical to its first version, exactly one new
#               one was written, and the files form one chain (down_revision = the previous head)
#   regenerate  generating the same version again changes no byte (and so adds no revision)
#   plan        lspgen plan of the same version reports no pending change (exit 0)
#   upgrade     alembic upgrade head on the long-lived database
#   rows        every row inserted at earlier steps is intact, read with SQL and through the API:
#               renamed columns keep their values, new required columns hold their defaults
#               (from v02 on: v01 has no earlier rows)
#   schema      the database has the tables and columns the version describes (types, nullability,
#               max_length, server defaults, unique, foreign keys); removed and renamed tables gone
#   drift       alembic check: the models match the migration chain at head
#   pytest      the generated test suite on a fresh, separate database: all pass, none skipped
#   downgrade   alembic downgrade -1, upgrade head, and the remembered rows are still intact
#   insert      register/log in, create rows of every entity through the API, remember them
# and at the end:
#   fresh       a fresh database upgraded from base through every revision
#   same schema pg_dump --schema-only of the fresh and the long-lived database are identical
#   base        the fresh database downgrades to base (every downgrade runs) and leaves no table
# A check whose prerequisite failed is reported as FAIL (not run), never skipped. The last line
# printed is "N passed, N failed"; the exit status is 0 only when nothing failed.
#
# Usage (as root): bash tests/e2e/migrations.sh
# Environment:
#   LSPGEN_BIN             path of the lspgen binary to test (tests/run-all.sh: the native AOT one); wins over LSPGEN
#   LSPGEN                 command that runs lspgen (default: builds server/LspGen.Cli in Release)
#   LSPGEN_E2E_MIGRATIONS_PG_PORT  PostgreSQL port (default 55460; tests/e2e/run.sh uses 55450)
#   LSPGEN_E2E_KEEP=1      keep the work folder (project, revision copies, state, logs)
#   TRIXIE_PYENV_ROOT      where the test environment lives (see tests/trixie-pyenv.sh)

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
PYENV="$REPO/tests/trixie-pyenv.sh"
VERSIONS_DIR="$REPO/tests/e2e/migrations"
PG_PORT=${LSPGEN_E2E_MIGRATIONS_PG_PORT:-55460}
SECRET_KEY="e2e-only-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"

passed=0
failed=0
WORK=

say() { printf '%s\n' "$*"; }
die() { printf 'e2e-migrations: error: %s\n' "$*" >&2; say "0 passed, 1 failed"; exit 1; }

cleanup() {
  bash "$PYENV" pg-stop "$PG_PORT" --purge >/dev/null 2>&1
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if [ "${LSPGEN_E2E_KEEP:-0}" = 1 ]; then say "e2e-migrations: kept $WORK" >&2; else rm -rf -- "$WORK"; fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

[ "$(id -u)" = 0 ] || die "run as root: the test environment is a chroot (see tests/trixie-pyenv.sh)"

# Two runs on the same PostgreSQL port would purge each other's cluster: take turns.
lock_dir=/run/lock; [ -d "$lock_dir" ] && [ -w "$lock_dir" ] || lock_dir=/tmp
exec 8>"$lock_dir/lspgen-e2e.$PG_PORT.lock"
if ! flock -n 8; then
  say "e2e-migrations: another run uses PostgreSQL port $PG_PORT; waiting for it (or set LSPGEN_E2E_MIGRATIONS_PG_PORT)" >&2
  flock -w 3600 8 || die "timed out waiting for the other run on port $PG_PORT"
fi

# ---------------------------------------------------------------- one check = one test case
check() {  # check STEP NAME COMMAND...: runs COMMAND with output to a log; prints ok/FAIL
  local step=$1 name=$2; shift 2
  local log="$WORK/logs/$step.${name// /-}.log" t0=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    say "ok   $step: $name ($((SECONDS - t0))s) $(tail -n1 "$log" | cut -c1-100)"
    return 0
  fi
  failed=$((failed + 1))
  say "FAIL $step: $name ($((SECONDS - t0))s) - last lines of $log:"
  tail -n 40 "$log" | sed 's/^/     | /'
  return 1
}

not_run() {  # the checks of a step whose prerequisite failed count as failures
  local step=$1; shift
  local name
  for name in "$@"; do
    failed=$((failed + 1))
    say "FAIL $step: $name (not run: an earlier step failed)"
  done
}

in_env() {  # in_env DATABASE_URL COMMAND...: run inside the chroot, in the project folder
  local url=$1; shift
  bash "$PYENV" run -b "$WORK" -w "$PROJECT" -e "DATABASE_URL=$url" -e "SECRET_KEY=$SECRET_KEY" \
    -e BCRYPT_ROUNDS=4 -e COOKIE_SECURE=false -e PYTHONDONTWRITEBYTECODE=1 -- "$@"
}

walk() { in_env "$1" python3 "$WORK/migration_walk.py" "${@:2}"; }

database() {  # database NAME: create it (owned by the walk's role) and print its URL
  bash "$PYENV" pg-start "$PG_PORT" --db "$1" --user walk --password walk 2>>"$WORK/logs/pg-start.log" 8>&-
}

generate() {
  local spec=$1 out
  out=$($LSPGEN generate "$spec" --out "$PROJECT" 2>&1); local rc=$?
  printf '%s\n' "$out"
  [ $rc = 0 ] || { echo "lspgen exited with $rc"; return 1; }
  if grep -qi conflict <<<"$out"; then echo "lspgen reported a conflict"; return 1; fi
}

# revisions STEP: earlier revision files unchanged, exactly one new one (kept as its first version)
revisions() {
  local step=$1 file name new=() bad=0
  for file in "$WORK/revisions"/*.py; do
    [ -e "$file" ] || continue
    name=$(basename "$file")
    if [ ! -f "$PROJECT/alembic/versions/$name" ]; then echo "$name: deleted"; bad=1
    elif ! cmp -s "$file" "$PROJECT/alembic/versions/$name"; then
      echo "$name: rewritten:"; diff -u "$file" "$PROJECT/alembic/versions/$name" | head -n 30; bad=1
    fi
  done
  for file in "$PROJECT/alembic/versions"/*.py; do
    name=$(basename "$file")
    [ -f "$WORK/revisions/$name" ] || new+=("$name")
  done
  if [ "${#new[@]}" != 1 ]; then echo "expected exactly one new revision, found ${#new[@]}: ${new[*]}"; bad=1; fi
  for name in "${new[@]}"; do cp -p "$PROJECT/alembic/versions/$name" "$WORK/revisions/$name"; done
  [ $bad = 0 ] || return 1
  walk "$LONG_URL" chain "$PROJECT/alembic/versions" | sed "s/\$/; new: ${new[*]}/"
  return "${PIPESTATUS[0]}"
}

regenerate_is_noop() {
  local spec=$1
  rm -rf -- "$WORK/before"; cp -a "$PROJECT" "$WORK/before"
  generate "$spec" || return 1
  diff -r "$WORK/before" "$PROJECT" && echo "no file changed"
}

nothing_planned() {
  local spec=$1 out
  out=$($LSPGEN plan "$spec" --out "$PROJECT" 2>&1); local rc=$?
  printf '%s\n' "$out"
  [ $rc = 0 ] || { echo "lspgen plan exited with $rc"; return 1; }
  grep -q '^No changes' <<<"$out" || { echo "lspgen plan reported pending changes"; return 1; }
}

pytest_all_pass() {
  local url=$1 name=$2 rc
  in_env "$url" timeout 1200 python3 -m pytest -q -p no:cacheprovider --junitxml="$WORK/results/$name.xml"
  rc=$?
  [ -f "$WORK/results/$name.xml" ] || { echo "pytest wrote no report (exit $rc)"; return 1; }
  in_env "$url" python3 "$WORK/check_junit.py" "$WORK/results/$name.xml" && [ $rc = 0 ]
}

upgrade() {  # upgrade URL: alembic upgrade head, then show where the database is
  in_env "$1" timeout 300 alembic upgrade head && in_env "$1" timeout 60 alembic current
}

round_trip() {  # round_trip STEP: downgrade -1, upgrade head, rows intact
  local step=$1
  in_env "$LONG_URL" timeout 300 alembic downgrade -1 && upgrade "$LONG_URL" || return 1
  if [ "$step" = 1 ]; then echo "downgraded and upgraded (no rows yet)"; return 0; fi
  walk "$LONG_URL" verify "$WORK/state.json" "$SPEC_IN_WORK"
}

schema_dump() {  # schema_dump URL FILE: pg_dump --schema-only, minus comments and session noise
  in_env "$1" pg_dump --schema-only --no-owner --no-privileges "$1" >"$2.raw" || return 1
  # \restrict lines carry a random key per dump (PostgreSQL 17.6+).
  grep -vE '^(--|\\restrict|\\unrestrict|SET |SELECT pg_catalog.set_config)' "$2.raw" | cat -s >"$2"
}

same_schema() {
  schema_dump "$LONG_URL" "$WORK/long.sql" && schema_dump "$FRESH_URL" "$WORK/fresh.sql" || return 1
  diff -u "$WORK/long.sql" "$WORK/fresh.sql" &&
    echo "identical ($(grep -c 'CREATE TABLE' "$WORK/fresh.sql") tables, $(wc -l <"$WORK/fresh.sql") lines)"
}

down_to_base() {
  in_env "$FRESH_URL" timeout 300 alembic downgrade base || return 1
  local left
  left=$(in_env "$FRESH_URL" psql -XAtq "$FRESH_URL" -c \
    "SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'") || return 1
  [ -z "$left" ] || { echo "tables left after downgrade base: $left"; return 1; }
  echo "downgraded to base; no table left"
}

# ---------------------------------------------------------------- setup
versions=("$VERSIONS_DIR"/v[0-9][0-9].spec.yaml)
[ -e "${versions[0]}" ] || die "no spec versions in $VERSIONS_DIR"
[ "${#versions[@]}" -ge 11 ] || die "expected at least 11 spec versions in $VERSIONS_DIR, found ${#versions[@]}"

WORK=$(mktemp -d /tmp/lspgen-e2e-migrations.XXXXXX)
PROJECT="$WORK/project"
mkdir -p "$WORK/logs" "$WORK/results" "$WORK/revisions" "$WORK/specs"
cp "$REPO/tests/e2e/migration_walk.py" "$REPO/tests/e2e/check_junit.py" "$WORK/"

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
LONG_URL=$(database walk_long) || die "could not create the long-lived database"
say "e2e-migrations: environment and PostgreSQL ready in $((SECONDS - t_env))s; ${#versions[@]} versions; work folder $WORK"

# ---------------------------------------------------------------- the walk
step=0
for spec in "${versions[@]}"; do
  step=$((step + 1))
  v=$(basename "$spec" .spec.yaml)
  t_step=$SECONDS
  # The helpers read the spec inside the chroot, where only the work folder is bound.
  SPEC_IN_WORK="$WORK/specs/$v.spec.yaml"
  cp "$spec" "$SPEC_IN_WORK"
  say "     $v: $(sed -n '1s/^# Migration walk, v[0-9]*: //p' "$spec")"
  if ! check "$v" generate generate "$spec"; then
    not_run "$v" revisions regenerate plan upgrade rows schema drift pytest downgrade insert; continue
  fi
  check "$v" revisions revisions "$step"
  check "$v" regenerate regenerate_is_noop "$spec"
  check "$v" plan nothing_planned "$spec"
  if check "$v" upgrade upgrade "$LONG_URL"; then
    upgraded=1
    if [ "$step" -gt 1 ]; then check "$v" rows walk "$LONG_URL" verify "$WORK/state.json" "$SPEC_IN_WORK"; fi
    check "$v" schema walk "$LONG_URL" schema "$WORK/state.json" "$SPEC_IN_WORK"
    check "$v" drift in_env "$LONG_URL" timeout 300 alembic check
  else
    upgraded=0
    not_run "$v" $([ "$step" -gt 1 ] && echo rows) schema drift
  fi
  if url=$(database "walk_pytest_$step"); then
    check "$v" pytest pytest_all_pass "$url" "$v"
  else
    not_run "$v" pytest
  fi
  if [ $upgraded = 1 ]; then
    check "$v" downgrade round_trip "$step"
    check "$v" insert walk "$LONG_URL" insert "$WORK/state.json" "$SPEC_IN_WORK" "$step"
  else
    not_run "$v" downgrade insert
  fi
  say "     $v took $((SECONDS - t_step))s"
done

# ---------------------------------------------------------------- the whole chain on a fresh database
if ! FRESH_URL=$(database walk_fresh); then
  not_run end fresh "same schema" base
elif check end fresh upgrade "$FRESH_URL"; then
  check end "same schema" same_schema
  check end base down_to_base
else
  not_run end "same schema" base
fi

say "e2e-migrations: finished in ${SECONDS}s"
say "$passed passed, $failed failed"
[ "$failed" = 0 ]
