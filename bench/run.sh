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
"$bin" --database-url "sqlite://$work/national.db" demo --addr 127.0.0.1:0 > "$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q "running at" "$work/app.log" && break; sleep 0.5; done
app=$(grep -o 'http://[0-9.:]*' "$work/app.log" | head -n 1)
python3 bench/pages.py "$app" "$work/static" -
target/release/examples/static_server "$work/static" 127.0.0.1:0 > "$work/static.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do grep -q "static server at" "$work/static.log" && break; sleep 0.2; done
static=$(grep -o 'http://[0-9.:]*' "$work/static.log" | head -n 1)
python3 bench/pages.py "$app" "$work/static" "$static" "${1:-200}"
