# A throwaway PostgreSQL cluster for the test suite: sourced by ./scripts/test.
# pg_start sets PG_URL and PG_DIR; pg_stop removes everything. Returns 1 (with PG_SKIP_REASON) when
# the machine has no PostgreSQL server binaries. PG_DURABLE=1 keeps the server's own durability
# settings (fsync on), for a soak that stands for production (bench/soak_servers.py).

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

pg_as() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  PG_SKIP_REASON=""
  local bin
  if ! bin="$(find_pg_bin)"; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      say "Installing PostgreSQL from Debian's packages"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
    fi
    bin="$(find_pg_bin)" || { PG_SKIP_REASON="no PostgreSQL server (initdb) on this machine"; return 1; }
  fi
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    PG_SKIP_REASON="running as root but there is no 'postgres' user to run the server"
    return 1
  fi
  PG_DIR="$(mktemp -d /tmp/verstas-pg.XXXXXX)"
  [ "$(id -u)" = "0" ] && chown postgres "$PG_DIR"
  PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  pg_as "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
    || { PG_SKIP_REASON="initdb failed (see $PG_DIR/initdb.log)"; return 1; }
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_DURABLE:-0}" = "1" ] && durability=""
  pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR $durability" \
    start >/dev/null || { PG_SKIP_REASON="the server did not start (see $PG_DIR/server.log)"; return 1; }
  PG_BIN="$bin"
  pg_as "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres verstas_test
  PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/verstas_test"
  return 0
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
  PG_DIR=""
}
