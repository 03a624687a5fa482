#!/usr/bin/env bash
# Import benchmark: a generated extract of ROWS establishments (default 50,000) imported by
# masteryhub, against the same file loaded by sqlite3's .import into a plain table (SQLite) and
# by COPY (PostgreSQL), measured in the same run. Also the peak memory at ROWS and 4 x ROWS, to
# show that the import streams.
#
# usage: bench/import.sh [ROWS]   (needs sqlite3 and psql; PG_SERVER_URL as in .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-50000}"
bin="${MASTERYHUB_BIN:-target/release/masteryhub}"
pg="${PG_SERVER_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
pg_base="${pg%/*}"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
[ -x "$bin" ] || cargo build --release -p masteryhub-cli
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -q "$pg" -c "DROP DATABASE IF EXISTS mh_bench_copy" -c "DROP DATABASE IF EXISTS mh_bench_import" 2>/dev/null || true' EXIT

seconds() { # seconds COMMAND... : wall time of the command, its output discarded
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
ratio() { echo "scale=2; $1 / $2" | bc -l; }
peak_kb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; }

"$bin" generate-gias --rows "$rows" --seed 11 > "$work/extract.csv"
"$bin" generate-gias --rows $((rows * 4)) --seed 12 > "$work/extract4.csv"
echo "extract: $rows rows, $(stat -c %s "$work/extract.csv") bytes"

# SQLite
baseline=$(seconds sqlite3 "$work/plain.db" ".mode csv" ".import $work/extract.csv plain")
first=$(seconds "$bin" --database-url "sqlite://$work/mh.db" import-gias "$work/extract.csv")
again=$(seconds "$bin" --database-url "sqlite://$work/mh.db" import-gias "$work/extract.csv")
printf 'SQLite      sqlite3 .import %6.2fs | import %6.2fs (x%s) | same file again %6.2fs (x%s)\n' \
  "$baseline" "$first" "$(ratio "$first" "$baseline")" "$again" "$(ratio "$again" "$baseline")"

# PostgreSQL
psql -q "$pg" -c "DROP DATABASE IF EXISTS mh_bench_copy" -c "CREATE DATABASE mh_bench_copy" \
  -c "DROP DATABASE IF EXISTS mh_bench_import" -c "CREATE DATABASE mh_bench_import"
columns=$(head -n 1 "$work/extract.csv" | tr -d '\r' | python3 -c \
  "import csv,sys; print(', '.join(f'c{i} text' for i, _ in enumerate(next(csv.reader(sys.stdin)))))")
psql -q "$pg_base/mh_bench_copy" -c "CREATE TABLE plain ($columns)"
baseline=$(seconds psql -q "$pg_base/mh_bench_copy" -c \
  "\\copy plain FROM '$work/extract.csv' WITH (FORMAT csv, HEADER true, ENCODING 'WIN1252')")
"$bin" --database-url "$pg_base/mh_bench_import" migrate >/dev/null
first=$(seconds "$bin" --database-url "$pg_base/mh_bench_import" import-gias "$work/extract.csv")
again=$(seconds "$bin" --database-url "$pg_base/mh_bench_import" import-gias "$work/extract.csv")
printf 'PostgreSQL  COPY            %6.2fs | import %6.2fs (x%s) | same file again %6.2fs (x%s)\n' \
  "$baseline" "$first" "$(ratio "$first" "$baseline")" "$again" "$(ratio "$again" "$baseline")"

# Memory: streaming keeps the peak flat as the file grows.
small=$(peak_kb "$bin" --database-url "sqlite://$work/m1.db" import-gias "$work/extract.csv")
large=$(peak_kb "$bin" --database-url "sqlite://$work/m4.db" import-gias "$work/extract4.csv")
echo "peak memory: ${small} KB at $rows rows, ${large} KB at $((rows * 4)) rows"
