#!/usr/bin/env bash
# API benchmark: wrk (Debian) against `shouwang serve` (release build) on a
# database seeded with 1,000 enterprises and 100,000 assets.
#   1. GET /api/v1/tenants/{id}/assets with paging (first pages and cursor
#      pages of many enterprises), cookie-authenticated;
#   2. POST /api/v1/auth/login with the production argon2id cost.
# Prints requests/s and latency percentiles for each. Not a test: it asserts
# nothing. Usage: bench/api/api_bench.sh BUILD_DIR [DURATION_SECONDS]
set -euo pipefail
build=${1:-build/bench}
duration=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk is not installed (tools/setup.sh --test)"; exit 1; }

work=$(mktemp -d)
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$build/bench_api_seed" --data "$work" --tenants 1000 --assets 100000 --password "benchmark password"

SW_AUTH_LOGIN_ATTEMPTS_PER_MINUTE=1000000 SW_LOG_LEVEL=warn \
  "$build/shouwang" serve --data "$work" --listen 127.0.0.1:0 --ready-file "$work/ready" \
  >"$work/stdout" 2>"$work/stderr" &
pid=$!
for _ in $(seq 1 200); do [[ -s "$work/ready" ]] && break; sleep 0.05; done
url=$(head -n1 "$work/ready")

cookie=$(curl -sk -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"benchmark password"}' "$url/api/v1/auth/login" |
  sed -n 's/^[Ss]et-[Cc]ookie: \(sw_session=[^;]*\).*/\1/p')

# Paths: the first page and the next page of 200 enterprises.
ids=$(curl -sk -H "Cookie: $cookie" "$url/api/v1/tenants?limit=200" |
  python3 -c 'import json,sys; print("\n".join(t["id"] for t in json.load(sys.stdin)["items"] if t["kind"]=="enterprise"))')
paths=()
for id in $ids; do
  paths+=("/api/v1/tenants/$id/assets?limit=50")
  next=$(curl -sk -H "Cookie: $cookie" "$url/api/v1/tenants/$id/assets?limit=50" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"] or "")')
  [[ -n "$next" ]] && paths+=("/api/v1/tenants/$id/assets?limit=50&cursor=$next")
done
{
  echo "local paths = {"
  for p in "${paths[@]}"; do echo "  \"$p\","; done
  echo "}"
  echo "local i = 0"
  echo "request = function()"
  echo "  i = i % #paths + 1"
  echo "  return wrk.format(\"GET\", paths[i], {[\"Cookie\"] = \"$cookie\"})"
  echo "end"
  cat "$here/report.lua"
} >"$work/list.lua"
{
  echo 'wrk.method = "POST"'
  echo 'wrk.body = "{\"username\":\"admin\",\"password\":\"benchmark password\"}"'
  echo 'wrk.headers["Content-Type"] = "application/json"'
  cat "$here/report.lua"
} >"$work/login.lua"

echo "== list assets with paging (${#paths[@]} distinct pages, 2 threads, 32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" --latency -s "$work/list.lua" "$url"
echo "== login, argon2id opslimit 2 / 64 MiB (2 threads, 4 connections, ${duration}s)"
wrk -t2 -c4 -d"${duration}s" --latency -s "$work/login.lua" "$url/api/v1/auth/login"
