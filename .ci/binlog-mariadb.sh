#!/usr/bin/env bash
# A MariaDB with binary logging (ROW) on 127.0.0.1:3307 for the binlog/DBS tests (see BinlogMariaDb.java).
# root has no password over TCP from 127.0.0.1.
#   .ci/binlog-mariadb.sh start   # idempotent: does nothing when 3307 already answers; else a fresh data directory
#   .ci/binlog-mariadb.sh stop
# Overridable: TOWER_BINLOG_MARIADB_PORT (3307), TOWER_BINLOG_MARIADB_DIR (/tmp/tower-binlog-mariadb).
set -euo pipefail

PORT="${TOWER_BINLOG_MARIADB_PORT:-3307}"
BASE="${TOWER_BINLOG_MARIADB_DIR:-/tmp/tower-binlog-mariadb}"
DATA="$BASE/data"
PID_FILE="$BASE/mysqld.pid"
export PATH="$PATH:/usr/sbin:/usr/local/sbin"

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

start() {
  if answers; then
    echo "binlog-mariadb: 127.0.0.1:$PORT already answers, nothing to do"
    return 0
  fi
  local mariadbd install_db
  mariadbd="$(command -v mariadbd || command -v mysqld || true)"
  install_db="$(command -v mariadb-install-db || command -v mysql_install_db || true)"
  if [[ -z "$mariadbd" || -z "$install_db" ]]; then
    echo "binlog-mariadb: mariadbd/mariadb-install-db not found; install MariaDB (apt-get install mariadb-server)" >&2
    return 1
  fi
  # A fresh data directory each start, so the first binary log is mysql-bin.000001.
  rm -rf "$BASE"
  mkdir -p "$DATA"
  local user_opt=()
  if [[ "$(id -u)" == 0 ]]; then
    user_opt=(--user=mysql)   # mariadbd refuses to run as root
    chown -R mysql:mysql "$BASE"
  fi
  if ! "$install_db" --no-defaults "${user_opt[@]}" --datadir="$DATA" \
        --auth-root-authentication-method=normal --skip-test-db >"$BASE/install.log" 2>&1; then
    cat "$BASE/install.log" >&2
    return 1
  fi
  nohup "$mariadbd" --no-defaults "${user_opt[@]}" --datadir="$DATA" --port="$PORT" --bind-address=127.0.0.1 \
    --socket="$BASE/mysqld.sock" --pid-file="$PID_FILE" --log-bin=mysql-bin --server-id=7 --binlog-format=ROW \
    --innodb-buffer-pool-size=32M >"$BASE/mariadbd.log" 2>&1 &
  local i
  for i in $(seq 1 300); do
    if answers && [[ -s "$PID_FILE" ]]; then
      echo "binlog-mariadb: started on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), data $DATA)"
      return 0
    fi
    sleep 0.2
  done
  echo "binlog-mariadb: did not start within 60 s" >&2
  tail -n 30 "$BASE/mariadbd.log" >&2 || true
  return 1
}

stop() {
  if [[ ! -s "$PID_FILE" ]]; then
    echo "binlog-mariadb: not running (no $PID_FILE)"
    return 0
  fi
  local pid i
  pid="$(cat "$PID_FILE")"
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "binlog-mariadb: stopped"
      return 0
    fi
    sleep 0.2
  done
  echo "binlog-mariadb: pid $pid did not stop within 30 s, killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
