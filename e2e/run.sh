#!/usr/bin/env bash
# Runs the browser end-to-end suite: starts masteryhub on a fresh temporary SQLite database filled
# by `demo`, waits for /healthz, runs `node --test` on tests/, stops the server, and exits with the
# test runner's status. Builds nothing: run `cargo build --release -p masteryhub-cli` first.
#
# Usage: e2e/run.sh [node --test options] [test files]
#   e2e/run.sh                                   every test file under tests/
#   e2e/run.sh tests/crawl.test.js               only these files
#   e2e/run.sh --test-name-pattern=pagination    only the tests whose name matches
#
# Environment:
#   MASTERYHUB_BIN   the binary to test (default: the newer of target/release/masteryhub and
#                    target/debug/masteryhub)
#   E2E_SCALE        hub (default, about 2,000 establishments, fast) or national (about 50,000)
#   E2E_BASE_URL     test this already-running masteryhub instead of starting one
#   E2E_CHROMIUM     the browser (default /usr/bin/chromium; installed with apt-get when missing
#                    and run as root)
#   E2E_START_TIMEOUT seconds to wait for the demo to be filled and served (default 600)
#   E2E_DEMO_PASSWORD the password of the demo accounts (default e2e-demo-password; give the
#                    password of the running instance's accounts with E2E_BASE_URL)
#   E2E_CONCURRENCY  test files run at once (default 2: one browser and one Nu checker each)
#   E2E_CRAWL_PAGES  how many pages the crawl visits as a national admin (default 60)
#   E2E_CRAWL_ROLE_PAGES how many pages the crawls signed out, as a hub lead and as a head of maths
#                    visit (default 30 each)
#   E2E_MAIL_DIR     set by this script: the folder the server writes its email to (a fresh one;
#                    with E2E_BASE_URL, give the running instance's --mail-dir, or the password
#                    reset journey is skipped)
#   E2E_API_TOKEN    set by this script: an API token of the demo head of maths, made with
#                    `masteryhub token create` (with E2E_BASE_URL, give one, or its test is skipped)
set -euo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$E2E_DIR")
cd "$E2E_DIR"

say() { printf 'e2e: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

# --- tools: Debian's Chromium and Java, Node and npm ---------------------------------------------
export E2E_CHROMIUM=${E2E_CHROMIUM:-/usr/bin/chromium}
missing=()
[[ -x $E2E_CHROMIUM ]] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]}: install with 'sudo apt-get install ${missing[*]}'"
  fi
fi
command -v node >/dev/null || die "node is missing: install Node.js 20 or later"
command -v npm >/dev/null || die "npm is missing"

# Exact versions from package-lock.json; no install scripts (vnu-jar's would fetch a Java runtime).
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm dependencies (npm ci)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

rm -rf screenshots out
mkdir -p screenshots out

# --- the application ------------------------------------------------------------------------------
server_pid=
tests_pid=
workdir=
cleanup() {
  if [[ -n $tests_pid ]]; then
    # Stopped early (Ctrl+C, a TERM from CI): stop the test runner, its files and their browsers.
    kill -TERM -- "-$tests_pid" 2>/dev/null || kill -TERM "$tests_pid" 2>/dev/null || true
    wait "$tests_pid" 2>/dev/null || true
  fi
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n $workdir ]]; then
    cp "$workdir/server.log" out/server.log 2>/dev/null || true
    cp -R "$workdir/mail" out/mail 2>/dev/null || true
    rm -rf "$workdir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z ${E2E_BASE_URL:-} ]]; then
  bin=${MASTERYHUB_BIN:-}
  if [[ -z $bin ]]; then
    for candidate in "$ROOT/target/release/masteryhub" "$ROOT/target/debug/masteryhub"; do
      if [[ -x $candidate ]] && { [[ -z $bin ]] || [[ $candidate -nt $bin ]]; }; then bin=$candidate; fi
    done
    [[ -n $bin ]] || die "no masteryhub binary: run 'cargo build --release -p masteryhub-cli' (or set MASTERYHUB_BIN)"
  fi
  [[ -x $bin ]] || die "MASTERYHUB_BIN=$bin is not an executable"

  scale=${E2E_SCALE:-hub}
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/masteryhub-e2e.XXXXXX")
  say "starting $bin demo --scale $scale on a fresh database"
  started=$SECONDS
  # Port 0: the system picks a free port, and the server prints the address it bound.
  export E2E_DEMO_PASSWORD=${E2E_DEMO_PASSWORD:-e2e-demo-password}
  # Email (password resets) goes to a fresh folder the tests read (lib/mail.js).
  export E2E_MAIL_DIR="$workdir/mail"
  mkdir -p "$E2E_MAIL_DIR"
  database="sqlite://$workdir/e2e.db"
  "$bin" --database-url "$database" --mail-dir "$E2E_MAIL_DIR" demo --scale "$scale" --addr 127.0.0.1:0 \
    --demo-password "$E2E_DEMO_PASSWORD" \
    >"$workdir/server.log" 2>&1 &
  server_pid=$!

  deadline=$((SECONDS + ${E2E_START_TIMEOUT:-600}))
  E2E_BASE_URL=
  until [[ -n $E2E_BASE_URL ]]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      cat "$workdir/server.log" >&2
      die "masteryhub stopped before serving (log above)"
    fi
    ((SECONDS < deadline)) || { cat "$workdir/server.log" >&2; die "masteryhub did not start in time"; }
    sleep 0.2
    E2E_BASE_URL=$(sed -n 's|.*masteryhub is running at \(http://[^/ ]*\).*|\1|p' "$workdir/server.log" | head -n 1)
  done
  say "masteryhub is serving $E2E_BASE_URL (ready after $((SECONDS - started)) s)"

  # An API token for the demo head of maths, made as an operator would, on the same database (the
  # server holds it open; SQLite's WAL lets a second process write). Alone on standard output.
  E2E_API_TOKEN=$("$bin" --database-url "$database" --mail-dir "$E2E_MAIL_DIR" token create \
    --email head-of-maths@demo.masteryhub.example --label e2e) || die "could not make an API token"
  export E2E_API_TOKEN
fi
export E2E_BASE_URL

# /healthz must answer 200 "ok" before any browser starts.
node -e '
  const deadline = Date.now() + 30000;
  (async function poll() {
    try {
      const r = await fetch(process.argv[1] + "/healthz");
      if (r.status === 200 && (await r.text()).trim() === "ok") return;
    } catch {}
    if (Date.now() > deadline) { console.error("e2e: /healthz did not answer 200 ok"); process.exit(1); }
    setTimeout(poll, 200);
  })();' "$E2E_BASE_URL" || exit 2

# --- the tests ------------------------------------------------------------------------------------
options=()
files=()
for arg in "$@"; do
  if [[ $arg == *.js ]]; then files+=("$arg"); else options+=("$arg"); fi
done
if ((${#files[@]} == 0)); then
  mapfile -t files < <(find tests -name '*.test.js' | sort)
fi

# In its own process group, in the background, so that a signal to this script stops it at once.
status=0
setsid node --test --test-reporter=spec --test-concurrency="${E2E_CONCURRENCY:-2}" --test-timeout=600000 \
  ${options[@]+"${options[@]}"} "${files[@]}" &
tests_pid=$!
wait "$tests_pid" || status=$?
tests_pid=
say "screenshots: $E2E_DIR/screenshots, saved pages and server log: $E2E_DIR/out"
exit "$status"
