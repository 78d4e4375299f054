#!/usr/bin/env bash
# The integration tests' own redis-server: start|stop|kill|freeze|thaw PORT DIR.
# freeze/thaw send SIGSTOP/SIGCONT: the server keeps its connections open but answers nothing, like a stalled host.
# It runs daemonized with a pid file in DIR and is stopped by that PID only, never by name or port,
# so the machine's shared Redis (6379) and other people's servers are never touched.
set -euo pipefail
action=$1 port=$2 dir=$3
pidfile="$dir/redis.pid"
mkdir -p "$dir"

alive() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "$action" in
  start)
    if ! command -v redis-server >/dev/null; then
      echo "redis-server not found: install it (apt-get install -y redis-server)" >&2; exit 1
    fi
    alive && { echo "IT redis already running (pid $(cat "$pidfile"))"; exit 0; }
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$pidfile" --dir "$dir" --logfile "$dir/redis.log" --enable-debug-command local
    for _ in $(seq 1 100); do
      redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && { echo "IT redis up on $port (pid $(cat "$pidfile"))"; exit 0; }
      sleep 0.1
    done
    echo "IT redis did not start on $port" >&2; cat "$dir/redis.log" >&2 || true; exit 1 ;;
  stop|kill)
    signal=TERM; [ "$action" = kill ] && signal=KILL
    if alive; then
      pid=$(cat "$pidfile")
      kill -CONT "$pid" 2>/dev/null || true
      kill -"$signal" "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$pidfile"
      echo "IT redis (pid $pid) stopped"
    fi ;;
  freeze|thaw)
    signal=STOP; [ "$action" = thaw ] && signal=CONT
    alive || { echo "IT redis is not running" >&2; exit 1; }
    kill -"$signal" "$(cat "$pidfile")"
    echo "IT redis (pid $(cat "$pidfile")) sent SIG$signal" ;;
  *) echo "usage: $0 start|stop|kill|freeze|thaw PORT DIR" >&2; exit 2 ;;
esac
