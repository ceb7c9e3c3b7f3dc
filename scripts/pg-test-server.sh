#!/usr/bin/env bash
# Start/stop a throwaway PostgreSQL server on loopback for the team-mode tests.
#   bash scripts/pg-test-server.sh start   prints a SQLAlchemy URL on success
#   bash scripts/pg-test-server.sh stop
#   bash scripts/pg-test-server.sh status   exit 0 when running
# Each checkout gets its own data folder (named after the checkout's path) and a free port,
# so two checkouts can run their tests at once without stopping each other's server.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEY=$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)
DIR=${KHADDAM_PG_DIR:-/tmp/khaddam-align-pg-$KEY}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$BIN" ] || { echo "PostgreSQL server not installed" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "${1:-start}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      rm -rf "$DIR"; mkdir -p "$DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
      as_pg "$BIN/initdb" -D "$DIR" -U postgres -A trust >/dev/null
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      PORT=${KHADDAM_PG_PORT:-$(free_port)}
      as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
      echo "$PORT" > "$DIR/khaddam-port"
    fi
    echo "postgresql+psycopg://postgres@127.0.0.1:$(cat "$DIR/khaddam-port")/postgres"
    ;;
  status)
    as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1
    ;;
  stop)
    as_pg "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
