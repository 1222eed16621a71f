#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for the tests: start | stop | env | status.
#
# The cluster lives in target/postgres-test/ (deleted by `mvn clean` and by `stop`), listens on
# 127.0.0.1 on a free port and trusts the local role asyncdb_test. Tests find it through
# ASYNCDB_TEST_POSTGRES_URL, which `env` prints as an export line:
#
#   scripts/postgres-test.sh start && eval "$(scripts/postgres-test.sh env)" && mvn -B verify
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="$PWD/target/postgres-test"
DATA="$DIR/data"
ROLE=asyncdb_test
DBNAME=asyncdb_test

bindir() {
  # pg_config names the server binaries of the default version; the glob covers machines where
  # pg_config belongs to the client package only (Debian layout: /usr/lib/postgresql/<v>/bin).
  local d
  if command -v pg_config >/dev/null && d="$(pg_config --bindir)" && [ -x "$d/initdb" ]; then
    echo "$d"; return
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ]; then echo "$d"; return; fi
  done
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found." >&2
  echo "Install them: on Debian/Ubuntu 'apt-get install postgresql' provides them." >&2
  exit 2
}

# initdb and postgres refuse to run as root: as root, run them as the 'postgres' system user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local p
  for p in $(seq 54330 54399); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "No free port between 54330 and 54399 on 127.0.0.1." >&2
  exit 3
}

running() {
  [ -f "$DIR/port" ] && [ -d "$DATA" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

url() {
  echo "jdbc:postgresql://127.0.0.1:$(cat "$DIR/port")/$DBNAME?user=$ROLE"
}

cmd="${1:-}"
case "$cmd" in
  start)
    BIN="$(bindir)"
    if running; then echo "PostgreSQL test cluster already running: $(url)"; exit 0; fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "Running as root needs the 'postgres' system user (created by Debian's postgresql package)." >&2; exit 2; }
      chown postgres "$DIR"
    fi
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    port="$(free_port)"
    echo "$port" >"$DIR/port"
    # fsync off: a throw-away cluster; the socket directory is the cluster's own, not /var/run.
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 30 \
      -o "-p $port -h 127.0.0.1 -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 1; }
    as_owner "$BIN/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE $ROLE LOGIN CREATEDB" -c "CREATE DATABASE $DBNAME OWNER $ROLE" >/dev/null
    echo "PostgreSQL test cluster running: $(url)"
    ;;
  stop)
    BIN="$(bindir)"
    if [ -d "$DATA" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"
    ;;
  env)
    [ -f "$DIR/port" ] || { echo "No PostgreSQL test cluster; run: scripts/postgres-test.sh start" >&2; exit 1; }
    echo "export ASYNCDB_TEST_POSTGRES_URL='$(url)'"
    ;;
  status)
    BIN="$(bindir)"
    if running; then echo "running: $(url)"; else echo "stopped"; exit 1; fi
    ;;
  *)
    echo "usage: scripts/postgres-test.sh start|stop|env|status" >&2
    exit 64
    ;;
esac
