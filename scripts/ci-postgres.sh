#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (the store contract suite and the
# multi-instance engine tests run against it).
#
#   eval "$(scripts/ci-postgres.sh start)"   # prints: export SYNCDECK_TEST_PG_URL=… SYNCDECK_TEST_PG_DIR=…
#   scripts/ci-postgres.sh start --max-connections 100   # a server as small as a stock one
#   scripts/ci-postgres.sh stop              # stops it and removes $SYNCDECK_TEST_PG_DIR
#
# max_connections: --max-connections N, else $SYNCDECK_PG_MAX_CONNECTIONS, else 400 (what
# the test suite needs: every test database and engine process connects at once).
# Installs Debian's `postgresql` package when no server binaries are found. The cluster
# lives in a temporary directory owned by a non-root user (the `postgres` system user
# when started as root, else whoever runs this), listens on 127.0.0.1 only, on a free
# port, and is tuned for throw-away speed (no fsync). Everything but the export lines
# goes to stderr.
set -euo pipefail

say() { printf 'ci-postgres: %s\n' "$*" >&2; }

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then printf '%s\n' "$dir"; return 0; fi
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then pg_config --bindir; return 0; fi
  return 1
}

install_postgres() {
  if [[ $(id -u) -ne 0 ]]; then say "PostgreSQL is not installed and this is not root: apt-get install postgresql"; exit 1; fi
  say "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # policy-rc.d 101: the package must not start its own default cluster; ours is the only server.
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [[ -e $policy ]] && had_policy=1
  [[ $had_policy -eq 1 ]] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; }
  apt-get install -y -qq postgresql >&2 || { [[ $had_policy -eq 1 ]] || rm -f "$policy"; exit 1; }
  [[ $had_policy -eq 1 ]] || rm -f "$policy"
}

# Runs a command as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

start() {
  local max_connections=${SYNCDECK_PG_MAX_CONNECTIONS:-400}
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --max-connections) max_connections=${2:-}; shift 2 || { say "--max-connections needs a number"; exit 2; } ;;
      --max-connections=*) max_connections=${1#*=}; shift ;;
      *) say "start: unknown option $1 (use --max-connections N)"; exit 2 ;;
    esac
  done
  if ! [[ $max_connections =~ ^[0-9]+$ ]] || (( max_connections < 5 || max_connections > 10000 )); then
    say "max_connections must be a whole number from 5 to 10000, got \"$max_connections\""; exit 2
  fi
  local bin
  bin=$(pg_bindir) || { install_postgres; bin=$(pg_bindir); }

  if [[ $(id -u) -eq 0 ]]; then
    OWNER=postgres
    id -u "$OWNER" >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin "$OWNER"
  else
    OWNER=$(id -un)
  fi

  local dir port password
  dir=$(mktemp -d /tmp/syncdeck-pg.XXXXXX)
  chmod 700 "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown "$OWNER" "$dir"; fi
  port=$(free_port)
  password=$(node -e "process.stdout.write(require('crypto').randomBytes(18).toString('hex'))")

  # Local socket (in the private directory): trust; TCP: password (scram) only.
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=$max_connections -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }

  # The test user creates a database per test, so it needs CREATEDB.
  as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
CREATE ROLE syncdeck LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE syncdeck OWNER syncdeck;
SQL
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, max_connections=$max_connections (data in $dir)"
  printf 'export SYNCDECK_TEST_PG_URL=%q\n' "postgres://syncdeck:$password@127.0.0.1:$port/syncdeck"
  printf 'export SYNCDECK_TEST_PG_DIR=%q\n' "$dir"
}

stop() {
  local dir=${1:-${SYNCDECK_TEST_PG_DIR:-}}
  if [[ -z "$dir" || ! -d "$dir/data" ]]; then say "nothing to stop (SYNCDECK_TEST_PG_DIR is not a cluster)"; return 0; fi
  local bin
  bin=$(pg_bindir)
  OWNER=$(stat -c %U "$dir/data")
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop "${2:-}" ;;
  *) say "usage: $0 start [--max-connections N] | stop [DIR]"; exit 2 ;;
esac
