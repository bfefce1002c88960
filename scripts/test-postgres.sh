# Sourced by scripts/test.sh: starts a throwaway PostgreSQL cluster on loopback for the store tests and exports
# AITM_TEST_POSTGRES_URL; the cluster is stopped and deleted when the tests end. Installs Debian's postgresql when it
# is missing and we are root (CI). PostgreSQL refuses to run as root, so as root the cluster runs as the package's
# `postgres` user, and the tests connect as `aitm`, a role without superuser rights.

start_test_postgres() {
  if [ -n "${AITM_TEST_POSTGRES_URL:-}" ]; then return 0; fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "test.sh: PostgreSQL is not installed (apt-get install postgresql): the store tests run on H2 only" >&2
      return 0
    fi
    echo "test.sh: installing Debian's postgresql for the store tests" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  AITM_PG_DIR=$(mktemp -d /tmp/aitm-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$AITM_PG_DIR"
    as=(runuser -u postgres --)
  fi
  local port=$((20000 + RANDOM % 20000))
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  "${as[@]}" "$bin/initdb" -D "$AITM_PG_DIR/data" -U postgres --auth=trust -E UTF8 >"$AITM_PG_DIR/initdb.log" 2>&1
  # fsync off: a test cluster is thrown away, and CI's disk is shared
  "${as[@]}" "$bin/pg_ctl" -D "$AITM_PG_DIR/data" -l "$AITM_PG_DIR/server.log" -w \
    -o "-p $port -k $AITM_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60" start >/dev/null
  AITM_PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$AITM_PG_DIR/data" -m fast -w stop)
  trap stop_test_postgres EXIT
  "${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE aitm LOGIN PASSWORD 'aitm-test'" -c "CREATE DATABASE aitm_test OWNER aitm" >/dev/null
  export AITM_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/aitm_test?user=aitm&password=aitm-test"
  echo "test.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the store tests" >&2
}

stop_test_postgres() {
  if [ -n "${AITM_PG_DIR:-}" ]; then
    "${AITM_PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$AITM_PG_DIR"
  fi
}
