#!/usr/bin/env bash
# Runs the console's browser tests (tests/browser) against a real server:
# starts `shouwang serve` on a free port with a fresh data folder and the built
# console, runs the playwright-core tests in headless Chromium one after the
# other (console_test.mjs, scan_test.mjs, then alerts_test.mjs intel_test.mjs), stops the
# server. The first test replaces the admin's one-time password with
# SW_NEW_PASSWORD, chosen here once so that the later tests can sign in with it.
# Usage: run_browser_test.sh SHOUWANG_BINARY SOURCE_DIR OUTPUT_DIR
# Exit 77 (skipped) when the browser, the built console or the test's npm
# packages are missing, saying which.
set -euo pipefail
bin=$1 src=$2 out=$3

skip() { echo "SKIPPED: $*"; exit 77; }
[[ -x /usr/bin/chromium ]] || skip "chromium is not installed (run tools/setup.sh --test)"
[[ -f "$src/web/dist/index.html" ]] || skip "the console is not built (make web)"
[[ -d "$src/tests/browser/node_modules/playwright-core" ]] || skip "tests/browser needs npm ci (tools/setup.sh --test)"

rm -rf "$out"
mkdir -p "$out"
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

SW_AUTH_ARGON2_OPSLIMIT=1 SW_AUTH_ARGON2_MEMLIMIT_KIB=8 \
  "$bin" serve --data "$data" --listen 127.0.0.1:0 --console-dir "$src/web/dist" \
  --ready-file "$data/ready" >"$out/server.stdout" 2>"$out/server.log" &
pid=$!
for _ in $(seq 1 200); do
  [[ -s "$data/ready" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$out/server.log"; echo "server exited"; exit 1; }
  sleep 0.05
done
url=$(head -n1 "$data/ready")
password=$(sed -n 's/.*one-time password: //p' "$out/server.stdout")
[[ -n "$password" ]] || { echo "no one-time password printed"; exit 1; }

new_password="Sw-$(openssl rand -hex 12)"

cd "$src/tests/browser"
SW_URL="$url" SW_ADMIN_USER=admin SW_ADMIN_PASSWORD="$password" SW_NEW_PASSWORD="$new_password" \
  SW_ARTIFACTS="$out" \
  node --test --test-concurrency=1 --test-reporter=spec console_test.mjs scan_test.mjs alerts_test.mjs intel_test.mjs
echo "screenshots: $out"
