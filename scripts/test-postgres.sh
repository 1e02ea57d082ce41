#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: its own data
# folder, a free port on 127.0.0.1 (and a unix socket in the folder), run as a
# non-root user because PostgreSQL refuses root.
#
#   eval "$(scripts/test-postgres.sh start)"   # prints `export SWITCHBOARD_TEST_POSTGRES=postgres://…`
#   swift test
#   scripts/test-postgres.sh stop              # stops it and removes its folder
#   scripts/test-postgres.sh pause|resume      # stops / starts the server keeping its data and port
#                                              # (the tests of a console whose server restarts)
#
# SWITCHBOARD_PG_DIR picks the folder (default /var/tmp/switchboard-test-pg: as
# root the server runs as `nobody`, which must be able to reach it, and /tmp is
# 0700 on some machines). The
# cluster uses password authentication (scram-sha-256), so the URL carries the
# password, as a team server's would; the password is made up per cluster.
set -euo pipefail

dir="${SWITCHBOARD_PG_DIR:-/var/tmp/switchboard-test-pg}"

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] || { echo "test-postgres: no PostgreSQL server found; install it (apt-get install postgresql)" >&2; exit 1; }
  echo "$newest"
}

# Runs a command as the cluster's owner: ourselves, or `nobody` when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "test-postgres: no free port in 55432-55532" >&2; exit 1
}

start() {
  local bin port password
  bin=$(bindir)
  if [ -f "$dir/env" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    cat "$dir/env"; return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown nobody: "$dir"
    as_owner test -w "$dir" || { rm -rf "$dir"; echo "test-postgres: user nobody can't reach $dir (a folder above it is closed); set SWITCHBOARD_PG_DIR to a folder under /var/tmp" >&2; exit 1; }
  fi
  password="sw-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
  printf '%s\n' "$password" > "$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R nobody: "$dir"; fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U switchboard --auth=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  port=$(free_port)
  echo "$port" > "$dir/port"
  launch "$bin" "$port"
  echo "export SWITCHBOARD_TEST_POSTGRES='postgres://switchboard:$password@127.0.0.1:$port/postgres'" > "$dir/env"
  cat "$dir/env"
}

# Starts the server of $dir on port $2.
launch() {
  # fsync off: a throwaway cluster for tests, losing it on a crash is fine.
  # The server outlives this script, so it must not hold the caller's other
  # descriptors: a caller that waits for them to close (Foundation's Process
  # does, to see its child end) would wait as long as the server runs.
  ( close_inherited_descriptors
    as_owner "$1/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $2 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ) \
    || { cat "$dir/server.log" >&2; exit 1; }
}

# Closes every descriptor but stdin, stdout and stderr in this (sub)shell.
close_inherited_descriptors() {
  local fd
  for fd in $(ls /proc/$BASHPID/fd 2>/dev/null); do
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

pause() {
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

resume() {
  launch "$(bindir)" "$(cat "$dir/port")"
}

stop() {
  local bin
  bin=$(bindir)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  pause) pause ;;
  resume) resume ;;
  *) echo "usage: $0 start|stop|pause|resume" >&2; exit 2 ;;
esac
