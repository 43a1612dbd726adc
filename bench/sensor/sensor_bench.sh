#!/usr/bin/env bash
# Sensor throughput benchmark: `shouwang sensor` over two inputs,
#   shared     every capture listed in ../shared/data/pcaps/INDEX.tsv, in
#              that order, streamed end to end through one sensor process;
#   generated  a large capture of real HTTP, TLS and DNS traffic with
#              attack-like requests among it, made on this machine by
#              bench/sensor/make_capture.sh (cached in build/bench-data/);
# in four configurations,
#   floor      bench/sensor/pcap_floor.c: libpcap reads the same files and
#              does nothing (the floor no sensor can go below);
#   no-rules   shouwang sensor, no rules;
#   et-open    with every Emerging Threats Open rules file (*.rules);
#   et-no-rep  ET Open without its IP-reputation files (tor, ciarmy, drop,
#              compromised, dshield, 3coresec, botcc, botcc.portgrouped,
#              threatview_CS_c2).
# For each: wall time, start-up time (the same command on a 1-packet
# capture: loading and compiling the rules), processing time (wall -
# start-up), packets/s and Mbit/s over the processing time (bytes = the
# captured bytes, as the read floor counts them), peak memory (/usr/bin/time
# -v: Maximum resident set size), CPU time, alerts, and the processing time
# as a multiple of the read floor's. Every measurement RUNS times (default
# 3), medians; runs are interleaved (all configurations once, then again).
# The sensor writes EVE JSON (flows, alerts) and fast.log into a temporary
# folder, as a deployed one would (EVE=0: no --eve).
#
# Not a test: it asserts nothing; exits non-zero only when something is
# broken. It must not share the cores with a compile: it takes
# /tmp/sw-build.lock itself (re-running itself under flock) unless a parent
# process already holds it, as with
#   flock /tmp/sw-build.lock bash bench/sensor/sensor_bench.sh
#
# Usage: bench/sensor/sensor_bench.sh [SHOUWANG_BINARY]  (default build/release/shouwang,
#        built first with the release preset when missing)
# Environment:
#   RUNS=N           repeats (1..10, default 3)
#   INPUTS="shared generated"   which inputs
#   CONFIGS="floor no-rules et-open et-no-rep"   which configurations
#   CAPTURE=FILE     the generated capture (default build/bench-data/sensor-capture.pcap;
#                    made with make_capture.sh when missing)
#   CAPTURE_MB=N     its size when made here (default 200)
#   SW_DATA=DIR      the shared data folder (default ../shared/data beside the repo)
#   EVE=0|1          write EVE JSON (default 1)
#   TOOL_TIMEOUT=S   limit for one run (default 1800 s)
# Needs: a C compiler, libpcap-dev (for the floor), /usr/bin/time (the time
# package) and tcpdump (for the 1-packet capture); the last three are
# installed with apt-get when missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lock=/tmp/sw-build.lock

die() { echo "sensor_bench: $*" >&2; exit 1; }

# True when an ancestor of this shell holds the flock on $lock.
holds_build_lock() {
  [[ -e $lock ]] || return 1
  local ino holders p
  ino=$(stat -c %i "$lock")
  holders=$(awk -v ino="$ino" '$2 == "FLOCK" { n = split($6, f, ":"); if (f[n] == ino) print $5 }' /proc/locks)
  [[ -n $holders ]] || return 1
  p=$$
  while [[ -n $p && $p -gt 1 ]]; do
    grep -qx "$p" <<<"$holders" && return 0
    p=$(awk '{ print $4 }' "/proc/$p/stat" 2>/dev/null || true)
  done
  return 1
}
if ! holds_build_lock; then
  echo "sensor_bench: waiting for $lock (no compile may run during the benchmark)"
  exec flock "$lock" bash "$0" "$@"
fi

bin=${1:-$repo/build/release/shouwang}
runs=${RUNS:-3}
inputs=${INPUTS:-shared generated}
configs=${CONFIGS:-floor no-rules et-open et-no-rep}
data=${SW_DATA:-$(cd "$repo/.." && pwd)/shared/data}
capture=${CAPTURE:-$repo/build/bench-data/sensor-capture.pcap}
capture_mb=${CAPTURE_MB:-200}
eve=${EVE:-1}
tool_timeout=${TOOL_TIMEOUT:-1800}
rep_files=(tor.rules ciarmy.rules drop.rules compromised.rules dshield.rules 3coresec.rules botcc.rules
  botcc.portgrouped.rules threatview_CS_c2.rules)

[[ $runs =~ ^[0-9]+$ && $runs -ge 1 && $runs -le 10 ]] || die "RUNS must be 1..10"
[[ $tool_timeout =~ ^[0-9]+$ && $tool_timeout -ge 10 ]] || die "TOOL_TIMEOUT must be at least 10 s"
[[ -f $data/pcaps/INDEX.tsv ]] || die "no $data/pcaps/INDEX.tsv (SW_DATA)"
compgen -G "$data/rules/*.rules" >/dev/null || die "no $data/rules/*.rules"

if [[ ! -x /usr/bin/time ]]; then
  echo "sensor_bench: installing time (apt-get)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
if ! command -v tcpdump >/dev/null; then
  echo "sensor_bench: installing tcpdump (apt-get)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tcpdump >/dev/null
fi
if [[ ! -e /usr/include/pcap/pcap.h ]]; then
  echo "sensor_bench: installing libpcap-dev (apt-get)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcap-dev >/dev/null
fi
command -v cc >/dev/null || die "no C compiler (cc)"

# The binary; the default one is built when missing (we hold the lock).
if [[ ! -x $bin ]]; then
  [[ -z ${1:-} ]] || die "no shouwang binary at $bin"
  echo "sensor_bench: building $bin (release preset)"
  (cd "$repo" && cmake --preset release >/dev/null && ninja -C build/release shouwang >/dev/null) ||
    die "the release build failed"
fi

work=$(mktemp -d /tmp/sensor_bench.XXXXXX)
tool_pid=""
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $tool_pid ]]; then kill "$tool_pid" 2>/dev/null || true; wait "$tool_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_dir=$repo/build/bench-data
mkdir -p "$bench_dir"
floor=$bench_dir/pcap_floor
cc -O2 -o "$floor" "$here/pcap_floor.c" -lpcap || die "cannot build the read floor"

# The generated capture, made once and kept.
if [[ " $inputs " == *" generated "* && ! -s $capture ]]; then
  echo "sensor_bench: making $capture ($capture_mb MB) with make_capture.sh"
  mkdir -p "$(dirname "$capture")"
  bash "$here/make_capture.sh" "$capture" "$capture_mb" || die "make_capture.sh failed"
fi

# Shared captures, in INDEX.tsv's order.
shared=()
missing=0
while IFS=$'\t' read -r f _; do
  [[ -n $f ]] || continue
  if [[ -f $data/pcaps/$f ]]; then shared+=("$data/pcaps/$f"); else missing=$((missing + 1)); fi
done < <(tail -n +2 "$data/pcaps/INDEX.tsv")
((${#shared[@]})) || die "no capture of INDEX.tsv found"

# A 1-packet capture for the start-up runs.
one=$work/one-packet.pcap
first_input=${shared[0]}
[[ " $inputs " == *" generated "* ]] && first_input=$capture
tcpdump -r "$first_input" -c 1 -w "$one" 2>/dev/null || die "cannot write a 1-packet capture (tcpdump)"

# Rule variables: Suricata's defaults, with the generated capture's server
# range (198.18.0.0/16) in HOME_NET; its clients (198.19.0.0/16) stay
# outside, so rules written for $EXTERNAL_NET -> $HOME_NET apply to it.
vars=$work/vars.yaml
cat >"$vars" <<'YAML'
vars:
  address-groups:
    HOME_NET: "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12,198.18.0.0/16]"
    EXTERNAL_NET: "!$HOME_NET"
    HTTP_SERVERS: "$HOME_NET"
    SMTP_SERVERS: "$HOME_NET"
    SQL_SERVERS: "$HOME_NET"
    DNS_SERVERS: "$HOME_NET"
    TELNET_SERVERS: "$HOME_NET"
    AIM_SERVERS: "$EXTERNAL_NET"
    DC_SERVERS: "$HOME_NET"
    DNP3_SERVER: "$HOME_NET"
    DNP3_CLIENT: "$HOME_NET"
    MODBUS_CLIENT: "$HOME_NET"
    MODBUS_SERVER: "$HOME_NET"
    ENIP_CLIENT: "$HOME_NET"
    ENIP_SERVER: "$HOME_NET"
  port-groups:
    HTTP_PORTS: "80"
    SHELLCODE_PORTS: "!80"
    ORACLE_PORTS: "1521"
    SSH_PORTS: "22"
    DNP3_PORTS: "20000"
    MODBUS_PORTS: "502"
    FILE_DATA_PORTS: "[$HTTP_PORTS,110,143]"
    FTP_PORTS: "21"
    GENEVE_PORTS: "6081"
    VXLAN_PORTS: "4789"
    TEREDO_PORTS: "3544"
YAML

all_rules=()
norep_rules=()
for f in "$data"/rules/*.rules; do
  all_rules+=("$f")
  [[ " ${rep_files[*]} " == *" $(basename "$f") "* ]] || norep_rules+=("$f")
done

# config_args CONFIG: the arguments after `shouwang sensor --pcap FILES`.
config_args() {
  local a=()
  ((eve)) && a+=(--eve "$work/out/eve.json")
  case $1 in
    no-rules) ;;
    et-open) a+=(--config "$vars" --rules "${all_rules[@]}") ;;
    et-no-rep) a+=(--config "$vars" --rules "${norep_rules[@]}") ;;
    *) die "unknown configuration $1" ;;
  esac
  printf '%s\n' "${a[@]}"
}

# run_one NAME CONFIG FILES...: one run, bounded by tool_timeout; sets wall,
# rss_kb, cpu and out (the output file).
run_one() {
  local name=$1 config=$2
  shift 2
  local cmd
  if [[ $config == floor ]]; then
    cmd=("$floor" "$@")
  else
    mapfile -t extra < <(config_args "$config")
    cmd=("$bin" sensor --pcap "$@" "${extra[@]}")
  fi
  rm -rf "$work/out"
  mkdir -p "$work/out"
  out=$work/$name.out
  local t0 t1 rc=0
  t0=$(date +%s%N)
  timeout "$tool_timeout" /usr/bin/time -v -o "$work/$name.time" "${cmd[@]}" >"$out" 2>"$work/$name.err" &
  tool_pid=$!
  wait "$tool_pid" || rc=$?
  tool_pid=""
  t1=$(date +%s%N)
  # The sensor exits 2 when some input cannot be read (a format it does not
  # take); that is reported, not fatal. Anything else is.
  if ((rc != 0 && rc != 2)) || ! grep -q "Maximum resident" "$work/$name.time"; then
    die "$name failed (exit $rc): $(head -c 600 "$work/$name.err")"
  fi
  ((rc == 2)) && unreadable[$config]=$(grep -c "shouwang sensor:" "$work/$name.err" || true)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/$name.time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$work/$name.time")
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.3f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# counts OUT CONFIG: "packets bytes alerts" from one run's output.
counts() {
  if [[ $2 == floor ]]; then
    awk '{ print $1, $3, "-", $5 }' "$1"
  else
    awk '/: [0-9]+ packets, [0-9]+ bytes,/ {
           for (i = 1; i <= NF; i++) {
             if ($(i + 1) ~ /^packets,?$/) p += $i
             if ($(i + 1) ~ /^bytes,?$/) b += $i
             if ($(i + 1) ~ /^alerts,?$/) a += $i
           }
         } END { printf "%.0f %.0f %.0f\n", p, b, a }' "$1"
  fi
}

declare -A unreadable=()
declare -A rows=()
rule_report=""

echo "sensor_bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ { print $2 }') GiB, kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "shouwang: $bin (built $(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC'); repo at $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'))"
echo "runs: $runs, medians; EVE output: $([[ $eve == 1 ]] && echo on || echo off)"
echo

for input in $inputs; do
  case $input in
    shared) files=("${shared[@]}") ;;
    generated) files=("$capture") ;;
    *) die "unknown input $input (shared or generated)" ;;
  esac
  size=$(du -cb "${files[@]}" | tail -n1 | cut -f1)
  if [[ $input == shared ]]; then
    desc="${#files[@]} captures of $data/pcaps/INDEX.tsv ($((size / 1000000)) MB on disk)"
    ((missing == 0)) || desc+=", $missing listed but missing"
  else
    desc="$capture ($((size / 1000000)) MB on disk)"
  fi
  echo "== input $input: $desc"
  cat "${files[@]}" >/dev/null # into the page cache
  declare -A walls=() starts=() rsss=() cpus=() cnt=()
  for r in $(seq 1 "$runs"); do
    for c in $configs; do
      run_one "$input-$c-start-$r" "$c" "$one"
      starts[$c]+="$wall "
      last_start=$wall
      if [[ $c == et-open && -z $rule_report ]]; then rule_report=$(grep -v "^$one:" "$out" | head -n 20 || true); fi
      run_one "$input-$c-$r" "$c" "${files[@]}"
      walls[$c]+="$wall "
      rsss[$c]+="$rss_kb "
      cpus[$c]+="$cpu "
      cnt[$c]=$(counts "$out" "$c")
      printf '  run %d %-10s %8.2f s wall, %7.2f s cpu, %7.1f MB peak RSS, start-up %.3f s; %s\n' \
        "$r" "$c" "$wall" "$cpu" "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" \
        "$last_start" "$(awk '{ printf "%s packets, %s bytes, %s alerts", $1, $2, $3 }' <<<"${cnt[$c]}")"
    done
  done
  # Mbit/s counts the bytes captured (what the sensor gets to inspect); some
  # shared captures were cut by a snap length, so their wire lengths add up
  # to far more.
  captured=""
  if [[ -n ${cnt[floor]:-} ]]; then
    read -r fp fb _ captured <<<"${cnt[floor]}"
    echo "  $fp packets; $captured bytes captured, $fb bytes on the wire (Mbit/s below: captured bytes)"
  fi
  floor_proc=""
  for c in $configs; do
    # shellcheck disable=SC2086
    w=$(median ${walls[$c]})
    # shellcheck disable=SC2086
    s=$(median ${starts[$c]})
    # shellcheck disable=SC2086
    m=$(median ${rsss[$c]})
    # shellcheck disable=SC2086
    u=$(median ${cpus[$c]})
    read -r pk by al _ <<<"${cnt[$c]}"
    [[ -n $captured ]] && by=$captured
    proc=$(awk -v w="$w" -v s="$s" 'BEGIN { p = w - s; if (p < 0.001) p = 0.001; printf "%.3f", p }')
    [[ $c == floor ]] && floor_proc=$proc
    vs="-"
    [[ -n $floor_proc ]] && vs=$(awk -v p="$proc" -v f="$floor_proc" 'BEGIN { printf "%.1fx", p / f }')
    rows[$input-$c]=$(awk -v input="$input" -v c="$c" -v w="$w" -v s="$s" -v p="$proc" -v pk="$pk" -v by="$by" \
      -v m="$m" -v u="$u" -v vs="$vs" -v al="$al" 'BEGIN {
        printf "%-10s %-10s %8.2f %8.3f %8.2f %11.0f %9.0f %8.1f %7.2f %8s %7s", input, c, w, s, p, pk / p,
          by * 8 / p / 1e6, m / 1024, u, vs, al }')
  done
  if [[ " $configs " == *" floor "* && " $configs " == *" no-rules "* ]]; then
    read -r fp fb _ _ <<<"${cnt[floor]}"
    read -r sp sb _ <<<"${cnt[no-rules]}"
    [[ $fp == "$sp" && $fb == "$sb" ]] || echo "  note: the floor read $fp packets ($fb bytes), the sensor $sp ($sb bytes)"
  fi
  for c in "${!unreadable[@]}"; do
    echo "  note: $c: the sensor could not open ${unreadable[$c]} of the inputs (exit 2; see its standard error)"
  done
  unreadable=()
  unset walls starts rsss cpus cnt
  echo
done

if [[ -n $rule_report ]]; then
  echo "rules load report (ET Open, whole set):"
  printf '  %s\n' "${rule_report//$'\n'/$'\n'  }"
  echo
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-10s %8s %8s %8s %11s %9s %8s %7s %8s %7s\n' input config "wall s" "start s" "proc s" "packets/s" "Mbit/s" \
  "peak MB" "cpu s" "x floor" alerts
for input in $inputs; do
  for c in $configs; do printf '%s\n' "${rows[$input-$c]}"; done
done
echo "(medians of $runs runs; proc = wall - start-up (a run on a 1-packet capture); packets/s and Mbit/s over proc;"
echo " peak MB = maximum resident set size; x floor = proc / the read floor's proc)"
echo
echo "command lines (FILES = the input's captures; 1-packet capture for start-up):"
echo "  floor:     $floor FILES"
for c in no-rules et-open et-no-rep; do
  [[ " $configs " == *" $c "* ]] || continue
  mapfile -t extra < <(config_args "$c")
  line="$bin sensor --pcap FILES ${extra[*]}"
  line=${line//$data\/rules\//}
  printf '  %-10s %s\n' "$c:" "$line"
done
echo "  (rules files relative to $data/rules/; --config $vars:"
sed -n '3p' "$vars" | sed 's/^ */   /'
echo "   the rest as Suricata's defaults)"
