#!/usr/bin/env bash
# Private PostgreSQL cluster for ops/run, ops/test and ops/bench.
# Source this file, then call: pg_start <data-dir>  → exports CRM_PG_PORT and CRM_DATABASE_ADMIN.
# The cluster runs as an unprivileged OS user (initdb refuses root), listens on 127.0.0.1 only,
# on the first free port from 55432 upwards (or the port it used last time, when free).
set -euo pipefail

PG_OS_USER="${CRM_PG_OS_USER:-crmpg}"

pg_bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_install_if_absent() {
  if pg_bin_dir >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; then return 0; fi
  echo "ops: installing PostgreSQL from the Debian packages..." >&2
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql postgresql-contrib >&2
}

pg_ensure_os_user() {
  if [ "$(id -u)" -ne 0 ]; then PG_OS_USER="$(id -un)"; return 0; fi
  id "$PG_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
}

pg_as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    # runuser keeps our environment minimal; -c needs one string.
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_pick_port() {
  local p="${1:-55432}"
  while port_in_use "$p"; do p=$((p + 1)); done
  echo "$p"
}

# pg_start DATA_DIR [tuned]  — initialise when empty, start when stopped; prints nothing on stdout.
pg_start() {
  local dir="$1" bin port
  pg_install_if_absent
  pg_ensure_os_user
  bin="$(pg_bin_dir)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  chown "$PG_OS_USER" "$dir" 2>/dev/null || true
  chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    pg_as_user "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
      || { cat "$dir.initdb.log" >&2; return 1; }
    cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 256MB
log_min_messages = warning
CONF
  fi
  if pg_as_user "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    port="$(sed -n 4p "$dir/postmaster.pid" | tr -d ' ')"
  else
    port="$(cat "$dir/.port" 2>/dev/null || echo 55432)"
    port_in_use "$port" && port="$(pg_pick_port "$port")"
    # Another cluster starting at the same moment may take the port between the pick and the bind: pick again then.
    local tries=0
    until pg_as_user "$bin/pg_ctl" -D "$dir" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null; do
      tries=$((tries + 1))
      if [ "$tries" -ge 5 ] || ! grep -q "Address already in use" "$dir/server.log" 2>/dev/null; then
        tail -n 30 "$dir/server.log" >&2; return 1
      fi
      : >"$dir/server.log"
      port="$(pg_pick_port "$((port + 1 + RANDOM % 20))")"
    done
    echo "$port" >"$dir/.port"
  fi
  export CRM_PG_PORT="$port"
  export CRM_PG_DIR="$dir"
  export CRM_DATABASE_ADMIN="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

pg_stop() {
  local dir="$1" bin
  bin="$(pg_bin_dir)" || return 0
  [ -f "$dir/PG_VERSION" ] || return 0
  pg_as_user "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_create_database NAME — idempotent.
pg_create_database() {
  local name="$1"
  if ! psql "host=127.0.0.1 port=$CRM_PG_PORT user=postgres dbname=postgres" -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
    psql "host=127.0.0.1 port=$CRM_PG_PORT user=postgres dbname=postgres" -qc "create database \"$name\"" >/dev/null
  fi
}

# pg_libpq_env CONNECTION_STRING — exports PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE from an Npgsql connection string
# (Host=…;Port=…;Username=…;Password=…;Database=…), for pg_dump, pg_restore and psql.
pg_libpq_env() {
  local part key value parts
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    key="$(echo "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    value="${part#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|user|userid|"user id") export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      database|db) export PGDATABASE="$value" ;;
    esac
  done
}
