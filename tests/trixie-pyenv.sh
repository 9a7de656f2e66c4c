#!/usr/bin/env bash
# trixie-pyenv.sh - LspGen's own Python test environment: create or reuse an
# isolated Debian 13 ("trixie") chroot holding exactly what a generated backend
# needs (FastAPI, Pydantic v2, pydantic-settings, SQLAlchemy 2, Alembic, PyJWT,
# bcrypt, passlib, httpx, pytest, uvicorn, psycopg 3 / psycopg2, PyYAML) and a
# PostgreSQL server, on a Debian/Ubuntu host whose own packages are too old or
# where PyPI is unreachable.  Everything comes from the Debian archive.
#
# tests/e2e/run.sh uses it; run it yourself to prepare or inspect the cache.
# The chroot (about 800 MB) lives OUTSIDE the repository, default /opt/trixie-py,
# so later runs and other clones reuse it; a first build takes a few minutes.  The on-disk layout
# (state file, PostgreSQL data dirs) is that of the LspGen team's trixie-pyenv
# recipe, so an environment created by either is reused by the other.
#
# Usage: tests/trixie-pyenv.sh [--root DIR] COMMAND [ARGS...]     (run as root)
#
#   ensure [DIR] [--rebuild]  create the environment (default DIR /opt/trixie-py)
#                             or reuse it when present and healthy; installs any
#                             requested package that is missing.  Idempotent.
#   run [OPTIONS] -- CMD...   run CMD inside the chroot; exit status is CMD's.
#        -b, --bind DIR       bind-mount host DIR at the same path (repeatable);
#                             default: the current directory
#        --ro DIR             like --bind, read-only
#        --no-bind            bind nothing
#        -w, --workdir DIR    working directory inside the chroot (default: the
#                             current directory if it is bound, else the first
#                             bound directory, else /)
#        -e, --env NAME[=VAL] set NAME in the (otherwise clean) environment;
#                             NAME alone copies the host's value (repeatable)
#        -u, --user USER      run as USER of the chroot (default root)
#   shell [run OPTIONS]       interactive bash inside the chroot
#   pg-start [PORT] [--db NAME] [--user NAME] [--password PW] [--fresh]
#            [--durable] [--superuser-password PW]
#                             start (or reuse) a PostgreSQL instance listening on
#                             127.0.0.1:PORT (default 55432), optionally create a
#                             role (LOGIN CREATEDB) and a database it owns, and
#                             print a postgresql:// URL on stdout.
#   pg-stop [PORT|--all] [--purge]
#                             stop one instance (or all, the default); --purge
#                             also deletes its data directory.
#   pg-status                 list instances and whether they run
#   status                    health of the environment, instances, mounts
#   versions                  versions of the key packages inside the chroot
#   destroy                   stop instances and delete the environment
#
# Environment:
#   TRIXIE_PYENV_ROOT            default for --root (default /opt/trixie-py)
#   TRIXIE_PYENV_SUITE           Debian suite to bootstrap (default trixie)
#   TRIXIE_PYENV_MIRROR          Debian mirror URL (default: read from the host's
#                                APT sources)
#   TRIXIE_PYENV_PACKAGES        replaces the default package list
#   TRIXIE_PYENV_EXTRA_PACKAGES  appended to the package list
#   TRIXIE_PYENV_BOOTSTRAPPER    mmdebstrap (default when installable) or debootstrap
#
# Mounts: every command that needs mounts (/proc, a tmpfs on /dev/shm, bind
# mounts) runs in a private mount namespace (unshare -m), so the mounts are
# invisible to the host and disappear by themselves when the last process in
# the namespace exits, whether it succeeds, fails or is killed.  Nothing is
# ever mounted in the host's namespace, so nothing can be left behind there.

set -Eeuo pipefail
shopt -s nullglob

PROG=${0##*/}
SELF=$(readlink -f -- "${BASH_SOURCE[0]}")
ROOT=${TRIXIE_PYENV_ROOT:-/opt/trixie-py}
SUITE=${TRIXIE_PYENV_SUITE:-trixie}
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
STATE_DIR=/etc/trixie-pyenv            # inside the chroot
STATE_FILE=$STATE_DIR/state            # inside the chroot; written last
PG_BASE=/var/lib/postgresql/trixie-pyenv  # inside the chroot
PG_SOCKDIR=/run/postgresql             # inside the chroot

DEFAULT_PACKAGES=(
  python3
  python3-fastapi python3-pydantic python3-pydantic-settings
  python3-sqlalchemy python3-alembic alembic python3-greenlet
  python3-jwt python3-bcrypt python3-passlib python3-cryptography
  python3-httpx python3-pytest
  python3-uvicorn uvicorn     # the alembic/uvicorn CLIs are separate packages
  python3-psycopg python3-psycopg2
  python3-email-validator
  python3-python-multipart   # NOT python3-multipart: that is a different library
  python3-dotenv python3-yaml
  bandit                     # the security gate of tests/quality (generated code only)
  postgresql
)

# Debian package -> Python module used by the health check.
declare -A PKG_MODULE=(
  [python3-fastapi]=fastapi [python3-pydantic]=pydantic
  [python3-pydantic-settings]=pydantic_settings [python3-sqlalchemy]=sqlalchemy
  [python3-alembic]=alembic [python3-jwt]=jwt [python3-bcrypt]=bcrypt
  [python3-httpx]=httpx [python3-pytest]=pytest [python3-uvicorn]=uvicorn
  [python3-psycopg]=psycopg [python3-psycopg2]=psycopg2
  [python3-email-validator]=email_validator
  [python3-python-multipart]=python_multipart
)

log() { printf '[%s] %s\n' "$PROG" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$PROG" "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$SELF" | sed '$d'; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root"; }

# ----------------------------------------------------------------- root path
set_root() {
  [ -n "$1" ] || die "empty root directory"
  case $1 in /*) ;; *) die "root directory must be absolute: $1" ;; esac
  ROOT=$(realpath -m -- "$1")
  case $ROOT in
    / | /bin | /boot | /dev | /etc | /home | /lib* | /media | /mnt | /opt | /proc | \
    /root | /run | /sbin | /srv | /sys | /tmp | /usr | /usr/* | /var | /var/lib)
      die "refusing to use $ROOT as the environment directory" ;;
  esac
}

lock_file() {
  local dir=/run/lock
  [ -d "$dir" ] && [ -w "$dir" ] || dir=/tmp
  printf '%s/trixie-pyenv.%s.lock' "$dir" "$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
}

take_lock() {  # exclusive lock for anything that modifies the environment
  exec 9>"$(lock_file)"
  if ! flock -n 9; then
    log "waiting for another $PROG working on $ROOT ..."
    flock -w 1800 9 || die "timed out waiting for the lock"
  fi
}

# ------------------------------------------------------------- package list
package_list() {
  local -a pkgs
  if [ -n "${TRIXIE_PYENV_PACKAGES:-}" ]; then
    read -r -a pkgs <<<"$TRIXIE_PYENV_PACKAGES"
  else
    pkgs=("${DEFAULT_PACKAGES[@]}")
  fi
  if [ -n "${TRIXIE_PYENV_EXTRA_PACKAGES:-}" ]; then
    local -a extra
    read -r -a extra <<<"$TRIXIE_PYENV_EXTRA_PACKAGES"
    pkgs+=("${extra[@]}")
  fi
  printf '%s\n' "${pkgs[@]}" | sed '/^$/d' | sort -u
}

# --------------------------------------------------------------- the mirror
mirror_url() {
  if [ -n "${TRIXIE_PYENV_MIRROR:-}" ]; then printf '%s\n' "${TRIXIE_PYENV_MIRROR%/}"; return; fi
  local f uri
  # deb822 files: first enabled "deb" stanza whose suites include a plain
  # release name (no "-updates"/"-security"): its first URI is the archive.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk 'BEGIN { RS = ""; FS = "\n" }
      { uris = ""; suites = ""; types = ""; enabled = "yes"
        for (i = 1; i <= NF; i++) { l = $i
          if (l ~ /^[ \t]*#/) continue
          if (l ~ /^URIs:/)    { sub(/^URIs:[ \t]*/, "", l);    uris = l }
          if (l ~ /^Suites:/)  { sub(/^Suites:[ \t]*/, "", l);  suites = l }
          if (l ~ /^Types:/)   { sub(/^Types:[ \t]*/, "", l);   types = l }
          if (l ~ /^Enabled:/) { sub(/^Enabled:[ \t]*/, "", l); enabled = tolower(l) }
        }
        if (enabled == "no" || types !~ /(^|[ \t])deb([ \t]|$)/) next
        n = split(suites, s, /[ \t]+/); ok = 0
        for (j = 1; j <= n; j++) if (s[j] != "" && s[j] !~ /[-\/]/) ok = 1
        if (ok) { split(uris, u, /[ \t]+/); print u[1]; exit }
      }' "$f")
    if [ -n "$uri" ]; then printf '%s\n' "${uri%/}"; return; fi
  done
  # one-line format
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk '$1 == "deb" { i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i + 1) !~ /[-\/]/) { print $i; exit } }' "$f")
    if [ -n "$uri" ]; then printf '%s\n' "${uri%/}"; return; fi
  done
  die "cannot find a Debian mirror in the host's APT sources; set TRIXIE_PYENV_MIRROR"
}

# ------------------------------------------------------------ safety helpers
# mount points (host namespace) at or below $1
mounts_under() {
  awk -v d="$1" '{ m = $2; gsub(/\\040/, " ", m); if (m == d || index(m, d "/") == 1) print m }' /proc/mounts
}

# PIDs of processes whose root directory is $1 or below it
procs_in() {
  local p r
  for p in /proc/[0-9]*; do
    r=$(readlink "$p/root" 2>/dev/null) || continue
    if [ "$r" = "$1" ] || [ "${r#"$1"/}" != "$r" ]; then printf '%s\n' "${p#/proc/}"; fi
  done
}

check_deletable() {  # dies unless $1 can be deleted safely
  local dir=$1 m p
  m=$(mounts_under "$dir")
  [ -z "$m" ] || die "refusing to delete $dir: mounted below it: $(echo $m)"
  p=$(procs_in "$dir")
  [ -z "$p" ] || die "refusing to delete $dir: processes running inside it (PIDs: $(echo $p)); try '$PROG pg-stop'"
}

safe_rm() {  # delete a chroot tree, but never through a mount or under a live process
  [ -e "$1" ] || return 0
  check_deletable "$1"
  rm -rf --one-file-system -- "$1"
}

# host path -> may it be bind-mounted into the chroot at the same path?
check_bind_src() {
  local src=$1 c p comp
  [ -d "$src" ] || die "not a directory: $src"
  [ "$src" != / ] || die "refusing to bind-mount / (run from a project directory, or pass -b DIR or --no-bind)"
  case $src in "$ROOT" | "$ROOT"/*) die "refusing to bind-mount $src: inside the environment" ;; esac
  case $ROOT/ in "$src"/*) die "refusing to bind-mount $src: it contains the environment" ;; esac
  for c in /proc /sys /dev /run /boot /etc /bin /sbin /lib /lib32 /lib64 /libx32 \
           /usr/bin /usr/sbin /usr/lib /usr/lib32 /usr/lib64 /usr/libx32 /usr/libexec \
           /usr/share /usr/include /var/lib /var/cache /var/log /var/run /var/lock \
           /var/spool /var/mail /var/backups; do
    case $c/ in "$src"/*) die "refusing to bind-mount $src over the chroot's system directories" ;; esac
    case $src in "$c" | "$c"/*) die "refusing to bind-mount $src (system directory)" ;; esac
  done
  # no existing component of the target may be a symlink: chroot symlinks are
  # absolute and would be resolved against the host's root by mkdir/mount
  p=
  local IFS=/
  for comp in ${src#/}; do
    p=$p/$comp
    [ ! -L "$ROOT$p" ] || die "cannot bind $src: $p is a symlink inside the chroot"
  done
}

# ------------------------------------------------------------ entering it
# Internal: runs in a fresh private mount namespace (see enter()).
cmd___enter() {
  local root=$1 workdir=$2 uid=$3 gid=$4; shift 4
  local -a binds=() envs=() priv=()
  while [ $# -gt 0 ]; do
    case $1 in
      --bind) binds+=("$2"); shift 2 ;;
      --env) envs+=("$2"); shift 2 ;;
      --) shift; break ;;
      *) die "internal: bad argument $1" ;;
    esac
  done
  [ $# -gt 0 ] || die "internal: no command"
  # we are alone in a new mount namespace; make sure nothing propagates out
  mount --make-rprivate / 2>/dev/null || true
  mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
  # a private devpts instance: ptys for apt/dpkg logging, pty-using tests, shells
  if mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts" 2>/dev/null; then
    [ -e "$root/dev/ptmx" ] || touch "$root/dev/ptmx"
    mount --bind "$root/dev/pts/ptmx" "$root/dev/ptmx" 2>/dev/null || true
  fi
  local b mode src
  for b in ${binds[@]+"${binds[@]}"}; do
    mode=${b%%:*}; src=${b#*:}
    mkdir -p "$root$src"
    mount --bind "$src" "$root$src"
    if [ "$mode" = ro ]; then mount -o remount,bind,ro "$root$src"; fi
  done
  if [ "$uid" != 0 ]; then priv=(setpriv "--reuid=$uid" "--regid=$gid" --init-groups --); fi
  exec chroot "$root" /usr/bin/env -i -C "$workdir" ${envs[@]+"${envs[@]}"} ${priv[@]+"${priv[@]}"} "$@"
}

# enter ROOTDIR USER WORKDIR [--bind MODE:DIR]... [--env N=V]... -- CMD...
# Execs (the calling shell is replaced); use it in a subshell or as last step.
enter() {
  local root=$1 user=$2 workdir=$3; shift 3
  local ent uid gid home
  ent=$(awk -F: -v u="$user" '$1 == u || $3 == u { print $3 ":" $4 ":" $6; exit }' "$root/etc/passwd")
  [ -n "$ent" ] || die "no user '$user' inside the chroot"
  IFS=: read -r uid gid home <<<"$ent"
  local -a base=("PATH=$CHROOT_PATH" "HOME=$home" "USER=$user" "LOGNAME=$user" "LANG=C.UTF-8" "SHELL=/bin/bash")
  [ -z "${TERM:-}" ] || base+=("TERM=$TERM")
  local -a pre=()
  local e
  for e in "${base[@]}"; do pre+=(--env "$e"); done
  exec unshare --mount --propagation private -- "${BASH:-/bin/bash}" "$SELF" __enter \
    "$root" "$workdir" "$uid" "$gid" "${pre[@]}" "$@"
}

# run CMD inside ROOTDIR as root with proc+shm mounted, no binds; returns status
in_chroot() { local r=$1; shift; ( enter "$r" root / -- "$@" ); }
in_chroot_as() { local r=$1 u=$2; shift 2; ( enter "$r" "$u" / -- "$@" ); }

# ------------------------------------------------------------ health
installed_ok() {  # all requested packages installed in $1?
  local r=$1 missing
  missing=$(missing_packages "$r") || return 1
  [ -z "$missing" ]
}

missing_packages() {  # prints the requested packages that are not installed
  local r=$1 pkgs
  pkgs=$(package_list)
  # shellcheck disable=SC2086
  { chroot "$r" dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' $pkgs 2>/dev/null || true; } \
    | awk '$1 == "ii" { print $2 }' | sort -u | comm -13 - <(printf '%s\n' "$pkgs")
}

import_check() {
  local r=$1 p mods=""
  for p in $(package_list); do
    [ -z "${PKG_MODULE[$p]:-}" ] || mods="$mods ${PKG_MODULE[$p]}"
  done
  chroot "$r" /usr/bin/env -i PATH="$CHROOT_PATH" LANG=C.UTF-8 python3 -c '
import importlib, sys
for m in sys.argv[1:]:
    importlib.import_module(m)
if "pydantic" in sys.argv[1:]:
    import pydantic; assert pydantic.VERSION.startswith("2."), "pydantic " + pydantic.VERSION
if "sqlalchemy" in sys.argv[1:]:
    import sqlalchemy; assert sqlalchemy.__version__.startswith("2."), "sqlalchemy " + sqlalchemy.__version__
' $mods
}

# prints one of: absent | healthy | packages | broken:<reason>
probe() {
  local r=$1 codename
  if [ ! -e "$r" ] || { [ -d "$r" ] && [ -z "$(ls -A "$r")" ]; }; then echo absent; return; fi
  [ -f "$r$STATE_FILE" ] || { echo "broken:no completion marker (interrupted bootstrap?)"; return; }
  codename=$(. "$r/etc/os-release" 2>/dev/null && echo "${VERSION_CODENAME:-}") || codename=
  [ "$codename" = "$SUITE" ] || { echo "broken:release is '$codename', want '$SUITE'"; return; }
  [ -x "$r/usr/bin/python3" ] || { echo "broken:no python3"; return; }
  local audit
  audit=$(chroot "$r" dpkg --audit 2>&1) || { echo "broken:dpkg --audit failed"; return; }
  [ -z "$audit" ] || { echo "broken:dpkg --audit reports problems"; return; }
  if ! installed_ok "$r"; then echo packages; return; fi
  import_check "$r" >/dev/null 2>&1 || { echo "broken:python import check failed"; return; }
  echo healthy
}

quick_ok() {  # cheap check used before run/pg-*: marker present, packages recorded
  [ -f "$ROOT$STATE_FILE" ] || return 1
  local want have
  want=$(package_list)
  have=$(sed -n 's/^package=//p' "$ROOT$STATE_FILE" | sort -u)
  [ -z "$(comm -23 <(printf '%s\n' "$want") <(printf '%s\n' "$have"))" ]
}

require_env() {
  if ! quick_ok; then
    log "environment at $ROOT missing or incomplete; running ensure"
    ( cmd_ensure ) || exit 1
  fi
}

write_state() {
  local r=$1 mirror=$2 p
  mkdir -p "$r$STATE_DIR"
  {
    echo "suite=$SUITE"
    echo "mirror=$mirror"
    echo "updated=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    for p in $(chroot "$r" dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }'); do
      echo "package=$p"
    done
  } >"$r$STATE_FILE.tmp"
  mv -f "$r$STATE_FILE.tmp" "$r$STATE_FILE"
}

# ------------------------------------------------------------ building
host_tool() {  # make sure a host tool is installed (from the host's own suite)
  local pkg=$1 bin=${2:-$1}
  command -v "$bin" >/dev/null 2>&1 && return 0
  log "installing $pkg on the host"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >/dev/null 2>&1 || {
    apt-get update -q >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >/dev/null
  }
  command -v "$bin" >/dev/null 2>&1
}

with_policy_rc_d() {  # run "$@" with services blocked in chroot $1
  local r=$1; shift
  local prc=$r/usr/sbin/policy-rc.d created=0 rc=0
  if [ ! -e "$prc" ]; then printf '#!/bin/sh\nexit 101\n' >"$prc"; chmod 755 "$prc"; created=1; fi
  "$@" || rc=$?
  if [ $created = 1 ]; then rm -f "$prc"; fi
  return $rc
}

apt_install_in() {  # apt-get install packages inside chroot $1
  local r=$1; shift
  [ ! -e /etc/resolv.conf ] || cp -L --remove-destination /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
  with_policy_rc_d "$r" in_chroot "$r" /bin/sh -ec '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "$@"
    apt-get clean
    rm -rf /var/lib/apt/lists/*' sh "$@"
}

configure_chroot() {  # one-time settings after packages are in place
  local r=$1
  mkdir -p "$r/etc/apt/apt.conf.d"
  printf 'APT::Install-Recommends "false";\nAcquire::Retries "3";\n' >"$r/etc/apt/apt.conf.d/90trixie-pyenv"
  if [ -x "$r/usr/bin/pg_conftool" ]; then
    in_chroot "$r" /bin/sh -ec '
      # the packaged default cluster (port 5432) is not used: pg-start makes its own
      for c in /etc/postgresql/*/main; do
        [ -d "$c" ] || continue
        v=${c%/main}; v=${v##*/}
        pg_dropcluster --stop "$v" main
      done
      pg_conftool /etc/postgresql-common/createcluster.conf set create_main_cluster false
      mkdir -p '"$PG_BASE"' '"$PG_SOCKDIR"'
      chown postgres:postgres '"$PG_BASE"' '"$PG_SOCKDIR"'
      chmod 0755 '"$PG_BASE"'
      chmod 2775 '"$PG_SOCKDIR"'
    ' >/dev/null
  fi
}

bootstrap() {
  local mirror tool t0 build pkgs
  mirror=$(mirror_url)
  pkgs=$(package_list)
  tool=${TRIXIE_PYENV_BOOTSTRAPPER:-}
  if [ -z "$tool" ]; then
    if host_tool mmdebstrap; then tool=mmdebstrap; else tool=debootstrap; fi
  fi
  [ "$tool" = mmdebstrap ] || host_tool debootstrap || die "cannot install debootstrap on the host"
  build=$(dirname "$ROOT")/.$(basename "$ROOT").build.$$
  mkdir -p "$(dirname "$ROOT")"
  trap 'rc=$?; [ ! -e "'"$build"'" ] || safe_rm "'"$build"'" || true; exit $rc' EXIT
  trap 'exit 130' INT TERM HUP
  t0=$(now)
  log "bootstrapping $SUITE from $mirror with $tool into $ROOT"
  if [ "$tool" = mmdebstrap ]; then
    # mmdebstrap runs in its own mount namespace: any mount it makes dies with it
    unshare --mount --propagation private -- mmdebstrap \
      --mode=root --format=directory --variant=apt \
      --dpkgopt=force-unsafe-io --aptopt='Acquire::Retries "3"' \
      --include="$(echo $pkgs | tr ' ' ,)" \
      "$SUITE" "$build" "deb $mirror $SUITE main" >&2
    log "mmdebstrap (base system + all packages) took $(since "$t0")s"
  else
    unshare --mount --propagation private -- debootstrap --variant=minbase \
      "$SUITE" "$build" "$mirror" >&2
    log "debootstrap took $(since "$t0")s"
    printf 'force-unsafe-io\n' >"$build/etc/dpkg/dpkg.cfg.d/90trixie-pyenv-unsafe-io"
    local t1; t1=$(now)
    # shellcheck disable=SC2086
    apt_install_in "$build" $pkgs >&2
    log "apt-get install took $(since "$t1")s"
  fi
  configure_chroot "$build"
  local bad
  bad=$(missing_packages "$build")
  [ -z "$bad" ] || die "packages missing after bootstrap: $(echo $bad)"
  import_check "$build" || die "python import check failed in the new environment"
  write_state "$build" "$mirror"
  # swap in the new tree only now, so a failed rebuild leaves the old one alone
  if [ -e "$ROOT" ]; then safe_rm "$ROOT"; fi
  mv -T -- "$build" "$ROOT"
  trap - EXIT INT TERM HUP
  log "environment ready at $ROOT in $(since "$t0")s ($(du -sh --one-file-system "$ROOT" | cut -f1))"
}

cmd_ensure() {
  local rebuild=0
  while [ $# -gt 0 ]; do
    case $1 in
      --rebuild) rebuild=1 ;;
      -h | --help) usage; return 0 ;;
      /*) set_root "$1" ;;
      *) die "ensure: unexpected argument $1" ;;
    esac
    shift
  done
  need_root
  take_lock
  # remove leftovers of interrupted earlier builds of this root (we hold the
  # lock, so no other build of this root can be running)
  local old
  for old in "$(dirname "$ROOT")"/."$(basename "$ROOT")".build.*; do
    log "removing leftover $old"; safe_rm "$old"
  done
  local t0 state; t0=$(now)
  state=$(probe "$ROOT")
  if [ $rebuild = 1 ] && [ "$state" != absent ]; then state="broken:--rebuild requested"; fi
  case $state in
    healthy)
      log "environment at $ROOT is healthy (checked in $(since "$t0")s)" ;;
    packages)
      local missing; missing=$(missing_packages "$ROOT")
      log "installing missing packages: $(echo $missing)"
      # shellcheck disable=SC2086
      apt_install_in "$ROOT" $missing >&2
      configure_chroot "$ROOT"
      import_check "$ROOT" || die "python import check failed"
      write_state "$ROOT" "$(mirror_url)"
      log "packages installed in $(since "$t0")s" ;;
    absent)
      [ ! -d "$ROOT" ] || rmdir -- "$ROOT"
      bootstrap ;;
    broken:*)
      log "rebuilding environment at $ROOT (${state#broken:})"
      check_deletable "$ROOT"
      bootstrap ;;
  esac
}

# ------------------------------------------------------------ run / shell
cmd_run() {
  local -a binds=() envs=()
  local workdir='' user=root nobind=0 d
  while [ $# -gt 0 ]; do
    case $1 in
      -b | --bind) [ $# -ge 2 ] || die "$1 needs a directory"
        d=$(realpath -e -- "$2") || die "no such directory: $2"; binds+=("rw:$d"); shift 2 ;;
      --ro) [ $# -ge 2 ] || die "$1 needs a directory"
        d=$(realpath -e -- "$2") || die "no such directory: $2"; binds+=("ro:$d"); shift 2 ;;
      --no-bind) nobind=1; shift ;;
      -w | --workdir) [ $# -ge 2 ] || die "$1 needs a directory"; workdir=$2; shift 2 ;;
      -e | --env) [ $# -ge 2 ] || die "$1 needs NAME[=VALUE]"
        case $2 in
          *=*) envs+=("$2") ;;
          *) [ -n "${!2+x}" ] || die "-e $2: not set on the host"; envs+=("$2=${!2}") ;;
        esac
        shift 2 ;;
      -u | --user) [ $# -ge 2 ] || die "$1 needs a user"; user=$2; shift 2 ;;
      -h | --help) usage; return 0 ;;
      --) shift; break ;;
      -*) die "run: unknown option $1" ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || die "run: no command given (use: run [OPTIONS] -- CMD...)"
  need_root
  require_env
  local here; here=$(pwd -P)
  if [ $nobind = 0 ] && [ ${#binds[@]} = 0 ]; then binds=("rw:$here"); fi
  [ $nobind = 0 ] || binds=()
  local b src
  for b in ${binds[@]+"${binds[@]}"}; do check_bind_src "${b#*:}"; done
  if [ -z "$workdir" ]; then
    workdir=/
    for b in ${binds[@]+"${binds[@]}"}; do
      src=${b#*:}
      case $here/ in "$src"/*) workdir=$here; break ;; esac
    done
    if [ "$workdir" = / ] && [ ${#binds[@]} -gt 0 ]; then workdir=${binds[0]#*:}; fi
  fi
  local -a opts=()
  for b in ${binds[@]+"${binds[@]}"}; do opts+=(--bind "$b"); done
  for b in ${envs[@]+"${envs[@]}"}; do opts+=(--env "$b"); done
  enter "$ROOT" "$user" "$workdir" ${opts[@]+"${opts[@]}"} -- "$@"
}

cmd_shell() { cmd_run "$@" -- /bin/bash -l; }

# ------------------------------------------------------------ PostgreSQL
pg_bindir() {
  local v
  v=$(ls "$ROOT/usr/lib/postgresql" 2>/dev/null | sort -V | tail -n1)
  [ -n "$v" ] && [ -x "$ROOT/usr/lib/postgresql/$v/bin/postgres" ] || die "no PostgreSQL server in $ROOT"
  printf '/usr/lib/postgresql/%s/bin\n' "$v"
}

pg_pid() {  # PID of the running postmaster of data dir $1 (chroot path), or fail
  local f=$ROOT$1/postmaster.pid pid
  [ -f "$f" ] || return 1
  pid=$(head -n1 "$f" 2>/dev/null)
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$ROOT" ] || return 1
  awk '{ exit ($3 == "Z") }' "/proc/$pid/stat" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

valid_ident() { [[ $1 =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]]; }

cmd_pg_start() {
  local port=55432 db='' user='' password='' fresh=0 durable=0 supw=postgres
  while [ $# -gt 0 ]; do
    case $1 in
      --db) db=$2; shift 2 ;;
      --user) user=$2; shift 2 ;;
      --password) password=$2; shift 2 ;;
      --superuser-password) supw=$2; shift 2 ;;
      --fresh) fresh=1; shift ;;
      --durable) durable=1; shift ;;
      -h | --help) usage; return 0 ;;
      [0-9]*) port=$1; shift ;;
      *) die "pg-start: unexpected argument $1" ;;
    esac
  done
  [[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] || die "bad port $port"
  [ -z "$db" ] || valid_ident "$db" || die "bad database name $db"
  [ -z "$user" ] || valid_ident "$user" || die "bad user name $user"
  [ -n "$user" ] || [ -z "$db" ] || user=$db
  [ -n "$password" ] || password=${user:-}
  need_root
  require_env
  local bin data log t0 pid
  t0=$(now)
  bin=$(pg_bindir)
  data=$PG_BASE/$port
  log=$PG_BASE/$port.log
  mkdir -p "$ROOT$PG_BASE" "$ROOT$PG_SOCKDIR"
  in_chroot "$ROOT" chown postgres:postgres "$PG_BASE" "$PG_SOCKDIR"
  if pid=$(pg_pid "$data"); then
    if [ $fresh = 1 ]; then cmd_pg_stop "$port" --purge; pid=; fi
  elif [ $fresh = 1 ]; then
    rm -rf --one-file-system -- "${ROOT:?}$data"
  fi
  if [ -n "${pid:-}" ]; then
    log "PostgreSQL on port $port already running (PID $pid)"
  else
    ! port_busy "$port" || die "port $port on 127.0.0.1 is already in use"
    if [ ! -f "$ROOT$data/PG_VERSION" ]; then
      rm -rf --one-file-system -- "${ROOT:?}$data"
      local pwfile=$PG_BASE/.pw.$$
      printf '%s\n' "$supw" >"$ROOT$pwfile"
      in_chroot "$ROOT" chown postgres:postgres "$pwfile"
      chmod 600 "$ROOT$pwfile"
      in_chroot_as "$ROOT" postgres "$bin/initdb" -D "$data" -U postgres \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" \
        -E UTF8 --locale=C.UTF-8 >"$ROOT$PG_BASE/$port.initdb.log" 2>&1 || {
        rm -f "$ROOT$pwfile"; cat "$ROOT$PG_BASE/$port.initdb.log" >&2; die "initdb failed"; }
      rm -f "$ROOT$pwfile"
    fi
    local pgopts="-c listen_addresses=127.0.0.1 -p $port -k $PG_SOCKDIR"
    [ $durable = 1 ] || pgopts="$pgopts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    # pg_ctl detaches the server (output to the log file); the server keeps the
    # private mount namespace (proc + /dev/shm only) alive until it stops.
    if ! in_chroot_as "$ROOT" postgres "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "$pgopts" start >/dev/null; then
      tail -n 20 "$ROOT$log" >&2 || true
      die "PostgreSQL failed to start on port $port"
    fi
    pid=$(pg_pid "$data") || die "PostgreSQL started but no postmaster PID found"
    log "PostgreSQL started on 127.0.0.1:$port (PID $pid) in $(since "$t0")s"
  fi
  if [ -n "$user" ]; then
    in_chroot_as "$ROOT" postgres psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKDIR" -p "$port" -U postgres -d postgres \
      -v u="$user" -v pw="$password" -v db="$db" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'u') WHERE :'db' <> '' AND NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
    printf 'postgresql://%s:%s@127.0.0.1:%s/%s\n' "$user" "$password" "$port" "${db:-postgres}"
  else
    printf 'postgresql://postgres:%s@127.0.0.1:%s/postgres\n' "$supw" "$port"
  fi
}

pg_instances() {  # ports that have a data directory
  local d
  for d in "$ROOT$PG_BASE"/*/; do
    d=${d%/}; d=${d##*/}
    [[ $d =~ ^[0-9]+$ ]] && printf '%s\n' "$d"
  done | sort -n
}

cmd_pg_stop() {
  local target=all purge=0
  while [ $# -gt 0 ]; do
    case $1 in
      --all) target=all ;;
      --purge) purge=1 ;;
      [0-9]*) target=$1 ;;
      *) die "pg-stop: unexpected argument $1" ;;
    esac
    shift
  done
  need_root
  [ -d "$ROOT$PG_BASE" ] || { log "no PostgreSQL instances"; return 0; }
  local ports port pid bin _
  if [ "$target" = all ]; then ports=$(pg_instances); else ports=$target; fi
  for port in $ports; do
    if pid=$(pg_pid "$PG_BASE/$port"); then
      bin=$(pg_bindir)
      in_chroot_as "$ROOT" postgres "$bin/pg_ctl" -D "$PG_BASE/$port" -m fast -w -t 60 stop >/dev/null || {
        log "pg_ctl stop failed for port $port; sending SIGTERM/SIGQUIT to PID $pid"
        kill -TERM "$pid" 2>/dev/null || true; sleep 5; kill -QUIT "$pid" 2>/dev/null || true; }
      for _ in $(seq 100); do
        [ -d "/proc/$pid" ] && awk '{ exit ($3 == "Z") }' "/proc/$pid/stat" 2>/dev/null || break
        sleep 0.1
      done
      log "stopped PostgreSQL on port $port (PID $pid)"
    else
      [ "$target" = all ] || log "PostgreSQL on port $port is not running"
    fi
    if [ $purge = 1 ]; then
      rm -rf --one-file-system -- "${ROOT:?}$PG_BASE/$port" "$ROOT$PG_BASE/$port.log" "$ROOT$PG_BASE/$port.initdb.log"
      log "purged data of port $port"
    fi
  done
}

cmd_pg_status() {
  local port pid
  for port in $(pg_instances); do
    if pid=$(pg_pid "$PG_BASE/$port"); then echo "$port running pid=$pid"; else echo "$port stopped"; fi
  done
}

# ------------------------------------------------------------ misc
cmd_status() {
  need_root
  echo "root: $ROOT"
  echo "state: $(probe "$ROOT")"
  [ ! -d "$ROOT" ] || echo "size: $(du -sh --one-file-system "$ROOT" | cut -f1)"
  echo "host mounts below root: $(mounts_under "$ROOT" | tr '\n' ' ')"
  echo "processes inside root: $(procs_in "$ROOT" | tr '\n' ' ')"
  cmd_pg_status | sed 's/^/postgres: /'
}

cmd_versions() {
  need_root
  [ -f "$ROOT$STATE_FILE" ] || die "no environment at $ROOT"
  chroot "$ROOT" /usr/bin/env -i PATH="$CHROOT_PATH" LANG=C.UTF-8 python3 - <<'PY'
import importlib.metadata as md, platform
print("python", platform.python_version())
for d in ["fastapi", "starlette", "pydantic", "pydantic-core", "pydantic-settings",
          "SQLAlchemy", "alembic", "PyJWT", "bcrypt", "passlib", "httpx", "pytest",
          "pytest-asyncio", "uvicorn", "psycopg", "psycopg-pool", "psycopg2", "asyncpg",
          "email-validator", "python-multipart", "mypy", "bandit", "flake8", "black"]:
    try:
        print(d, md.version(d))
    except md.PackageNotFoundError:
        print(d, "-")
PY
  local bin; bin=$(pg_bindir) && chroot "$ROOT" "$bin/postgres" --version
}

cmd_destroy() {
  need_root
  take_lock
  cmd_pg_stop --all
  safe_rm "$ROOT"
  log "removed $ROOT"
}

# ------------------------------------------------------------ main
main() {
  while [ $# -gt 0 ]; do
    case $1 in
      -r | --root) [ $# -ge 2 ] || die "$1 needs a directory"; set_root "$2"; shift 2 ;;
      --root=*) set_root "${1#--root=}"; shift ;;
      -h | --help | help) usage; exit 0 ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || { usage; exit 2; }
  local cmd=$1; shift
  [ "$cmd" = __enter ] || set_root "$ROOT"
  case $cmd in
    ensure) cmd_ensure "$@" ;;
    run) cmd_run "$@" ;;
    shell) cmd_shell "$@" ;;
    pg-start) cmd_pg_start "$@" ;;
    pg-stop) cmd_pg_stop "$@" ;;
    pg-status) cmd_pg_status "$@" ;;
    status) cmd_status "$@" ;;
    versions) cmd_versions "$@" ;;
    destroy) cmd_destroy "$@" ;;
    __enter) cmd___enter "$@" ;;
    *) die "unknown command '$cmd' (try --help)" ;;
  esac
}

main "$@"
