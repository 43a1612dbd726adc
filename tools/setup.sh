#!/usr/bin/env bash
# Installs what building, running and testing Shouwang needs on Debian 12.
# Idempotent: installs only missing packages, runs `npm ci` only when the
# console's lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

# The exact Debian packages; keep in sync with docs/decisions.md.
build_packages=(
  build-essential cmake ninja-build ccache pkg-config clang lld
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libssl-dev libsodium-dev libpcre2-dev libpcap-dev libhyperscan-dev zlib1g-dev
  libspdlog-dev libfmt-dev libcli11-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openssl curl
)
console_packages=(nodejs)
# Nmap's service table and probe database, read at run time by the scanner
# (never copied into the project); nmap itself is the benchmark's peer.
scan_packages=(nmap-common)
# nftables and iproute2: the firewalled test host of bench/scan/connect_bench.sh.
test_packages=(chromium fonts-wqy-microhei wrk procps psmisc nmap nftables iproute2
  nginx-light openssh-server vsftpd redis-server postgresql)

want=("${build_packages[@]}" "${console_packages[@]}" "${scan_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  want+=("${test_packages[@]}")
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# npm ships with nodesource's nodejs; Debian's nodejs needs the separate npm package.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  # The test services (nginx, sshd, ...) are started by the tests on free
  # ports; installing them must not start system-wide daemons.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
    "${sudo_cmd[@]}" chmod +x "$policy"
    own_policy=1
  fi
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if ((own_policy)); then "${sudo_cmd[@]}" rm -f "$policy"; fi
fi

# npm packages of the console (and, for tests, of the browser test): reinstall
# only when a folder's package-lock.json changed.
npm_folders=(web)
if [[ "${1:-}" == "--test" ]]; then npm_folders+=(tests/browser); fi
for dir in "${npm_folders[@]}"; do
  [[ -f "$dir/package-lock.json" ]] || continue
  stamp="$dir/node_modules/.shouwang-lock-sha"
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$sum" ]]; then
    echo "setup: npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" >"$stamp"
  fi
done
echo "setup: ok"
