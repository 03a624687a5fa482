#!/usr/bin/env bash
# Every benchmark: imports (bench/import.sh) and page loads at the national scale against a static
# server sending the same bytes (bench/pages.py). Figures go to standard output.
# usage: bench/run.sh [REQUESTS_PER_PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p masteryhub-cli
cargo build --release -p masteryhub-web --example static_server
bin=target/release/masteryhub
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "== imports"
bash bench/import.sh 50000

echo "== page loads, national scale (SQLite)"
# Pages need a signed-in session and the API a bearer token: the benchmark signs in as the demo
# national admin (who may see every page timed) and uses a token made for them with the CLI.
export BENCH_EMAIL=national-admin@demo.masteryhub.example
export BENCH_PASSWORD=bench-demo-password
db="sqlite://$work/national.db"
"$bin" --database-url "$db" --mail-dir "$work/mail" demo --addr 127.0.0.1:0 \
  --demo-password "$BENCH_PASSWORD" > "$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do grep -q "running at" "$work/app.log" && break; sleep 0.5; done
app=$(grep -o 'http://[0-9.:]*' "$work/app.log" | head -n 1)
[ -n "$app" ] || { cat "$work/app.log" >&2; exit 1; }
# The server holds the database open; SQLite's WAL lets this second process write the token.
BENCH_TOKEN=$("$bin" --database-url "$db" --mail-dir "$work/mail" token create \
  --email "$BENCH_EMAIL" --label benchmark)
export BENCH_TOKEN
python3 bench/pages.py "$app" "$work/static" -
target/release/examples/static_server "$work/static" 127.0.0.1:0 > "$work/static.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do grep -q "static server at" "$work/static.log" && break; sleep 0.2; done
static=$(grep -o 'http://[0-9.:]*' "$work/static.log" | head -n 1)
python3 bench/pages.py "$app" "$work/static" "$static" "${1:-200}"
