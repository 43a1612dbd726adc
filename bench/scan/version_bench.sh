#!/usr/bin/env bash
# Version detection benchmark: `shouwang scan -V` against `nmap -sV` on the
# same five real Debian services (nginx, OpenSSH, vsftpd, Redis, PostgreSQL)
# that this script starts on loopback ports, in the same run. Prints both
# times, the ratio (Nmap's / ours) and, per port, whether service, product
# and version agree. Not a test: it asserts nothing. Runs as root (sshd and
# PostgreSQL need it to start); removes what it made on exit.
# Usage: bench/scan/version_bench.sh [SHOUWANG_BINARY]   (default build/bench/shouwang)
set -euo pipefail
bin=${1:-build/bench/shouwang}
command -v nmap >/dev/null || { echo "nmap is not installed (tools/setup.sh --test)"; exit 1; }
work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { setsid "$@" >"$work/$(basename "$1").log" 2>&1 & pids+=($!); }
wait_port() {
  for _ in $(seq 1 200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done
  echo "service on port $1 did not start"; exit 1
}

p_http=$(free_port) p_ssh=$(free_port) p_ftp=$(free_port) p_redis=$(free_port) p_pg=$(free_port)
mkdir -p "$work/nginx" "$work/ftp" "$work/pg" /run/sshd /var/run/vsftpd/empty
chmod 555 "$work/ftp"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off; master_process off; pid $work/nginx/pid; error_log $work/nginx/error.log;
events {}
http { access_log off; server { listen 127.0.0.1:$p_http; } }
CONF
start /usr/sbin/nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
ssh-keygen -q -t ed25519 -N '' -f "$work/hostkey"
start /usr/sbin/sshd -D -e -f /dev/null -p "$p_ssh" -o ListenAddress=127.0.0.1 -o PidFile=none -h "$work/hostkey"
printf 'listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port=%s\nbackground=NO\nanonymous_enable=YES\nanon_root=%s\nlocal_enable=NO\nsecure_chroot_dir=/var/run/vsftpd/empty\n' \
  "$p_ftp" "$work/ftp" >"$work/vsftpd.conf"
start /usr/sbin/vsftpd "$work/vsftpd.conf"
start /usr/bin/redis-server --port "$p_redis" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize no
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/postgres | head -n1)")
chown postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >/dev/null
start /usr/sbin/runuser -u postgres -- "$pg_bin/postgres" -D "$work/pg/data" -p "$p_pg" -k "$work/pg" -c listen_addresses=127.0.0.1
for p in $p_http $p_ssh $p_ftp $p_redis $p_pg; do wait_port "$p"; done
ports="$p_http,$p_ssh,$p_ftp,$p_redis,$p_pg"

t0=$(date +%s.%N)
"$bin" scan 127.0.0.1 -p "$ports" -V --scope 127.0.0.1 --json >"$work/ours.json"
t1=$(date +%s.%N)
nmap -sV -n -Pn -p "$ports" 127.0.0.1 -oX "$work/nmap.xml" >/dev/null
t2=$(date +%s.%N)

python3 - "$work/ours.json" "$work/nmap.xml" "$t0" "$t1" "$t2" <<'PY'
import json, sys, xml.etree.ElementTree as ET
ours_file, nmap_file, t0, t1, t2 = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:])
ours = {o["port"]: o for h in json.load(open(ours_file))["hosts"] for o in h["open"]}
theirs = {}
for port in ET.parse(nmap_file).getroot().iter("port"):
    svc = port.find("service")
    get = lambda k: (svc.get(k) or "") if svc is not None else ""
    theirs[int(port.get("portid"))] = (get("name"), get("product"), get("version"))
agree = 0
print(f"{'port':>6}  {'shouwang':<55} {'nmap':<55} same")
for p in sorted(set(ours) | set(theirs)):
    o = ours.get(p, {})
    mine = (o.get("service", ""), o.get("product", ""), o.get("version", ""))
    same = mine == theirs.get(p)
    agree += same
    fmt = lambda t: " ".join(x for x in t if x)[:55]
    print(f"{p:>6}  {fmt(mine):<55} {fmt(theirs.get(p, ('', '', ''))):<55} {'yes' if same else 'NO'}")
ours_s, nmap_s = t1 - t0, t2 - t1
print(f"\nshouwang -V {ours_s:.2f} s   nmap -sV {nmap_s:.2f} s   ratio {nmap_s / ours_s:.1f}x   "
      f"agree on {agree} of {len(set(ours) | set(theirs))} ports")
PY
