#!/usr/bin/env bash
# Tests the cluster recipe of docs/DEPLOYMENT.md as written: nginx (from the Debian packages,
# installed when missing) in front of two Majordome instances on one PostgreSQL database, with a
# signed webhook and a dashboard WebSocket driven through nginx (scripts/nginx-check/drive.py).
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust authentication); fails without it.
#
#   bash scripts/nginx-check.sh
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '\n==> nginx check: %s\n' "$*"; }

# shellcheck source=scripts/as-root.sh
source scripts/as-root.sh

install_packages() {
    log "installing $* from the Debian packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

NGINX=$(command -v nginx || true)
[ -n "$NGINX" ] || [ -x /usr/sbin/nginx ] || install_packages nginx
NGINX=${NGINX:-/usr/sbin/nginx}
command -v psql >/dev/null 2>&1 || install_packages postgresql-client

PG_SERVER="postgres://postgres@127.0.0.1:5432"
psql "$PG_SERVER/postgres" -qtAc 'SELECT 1' >/dev/null || {
    echo "error: PostgreSQL is not reachable at $PG_SERVER" >&2
    exit 1
}

log "building the server"
cargo build -p majordome --locked --quiet
BIN="$ROOT/target/debug/majordome"

WORK=$(mktemp -d)
DB="majordome_nginx_$(date +%s)_$$"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT_LB=$(free_port)
PORT_A=$(free_port)
PORT_B=$(free_port)
AUTH_TOKEN="nginx-check-auth-token"
DEMO_NUMBER="whatsapp:+14155238886"

psql "$PG_SERVER/postgres" -qc "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="$PG_SERVER/$DB"
# As behind any balancer: Twilio signs the public URL, the one nginx answers on.
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT_LB"
export TRUSTED_PROXY=127.0.0.1
export TWILIO_ACCOUNT_SID=ACnginxcheck TWILIO_AUTH_TOKEN="$AUTH_TOKEN"
# Nothing listens there: replies fail fast; this check is about what comes in.
export TWILIO_API_BASE=http://127.0.0.1:9
export TWILIO_WHATSAPP_NUMBER="$DEMO_NUMBER"
# A sandbox with the demo accounts (the drive logs in as the demo operator).
export SEED_DEMO=true
export RUST_LOG=warn

log "majordome migrate, once, before the instances start"
(cd "$WORK" && "$BIN" migrate)

for port in "$PORT_A" "$PORT_B"; do
    (cd "$WORK" && exec env PORT="$port" "$BIN" serve >"$WORK/instance-$port.log" 2>&1) &
    PIDS+=($!)
done

sed -e "s|@DIR@|$WORK|g" -e "s|@PORT_LB@|$PORT_LB|g" -e "s|@PORT_A@|$PORT_A|g" \
    -e "s|@PORT_B@|$PORT_B|g" scripts/nginx-check/nginx.conf.template >"$WORK/nginx.conf"
"$NGINX" -t -q -c "$WORK/nginx.conf" -p "$WORK"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"

log "waiting until both instances are ready"
for port in "$PORT_A" "$PORT_B"; do
    for _ in $(seq 1 200); do
        curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
        sleep 0.1
    done
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || {
        cat "$WORK/instance-$port.log" >&2
        exit 1
    }
done
curl -fsS "http://127.0.0.1:$PORT_LB/readyz" >/dev/null

log "webhooks and a dashboard WebSocket through nginx"
/usr/bin/python3 scripts/nginx-check/drive.py "http://127.0.0.1:$PORT_LB" "$AUTH_TOKEN" "$DEMO_NUMBER"

log "SIGTERM: both instances stop gracefully"
for pid in "${PIDS[@]}"; do kill -TERM "$pid"; done
for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "error: instance $pid still running 10 s after SIGTERM" >&2
        exit 1
    fi
    wait "$pid" || { echo "error: instance $pid exited with an error" >&2; exit 1; }
done
PIDS=()
log "passed"
