#!/usr/bin/env bash
# Connect scan benchmark: `shouwang scan` against `nmap -sT` on the same
# targets in the same run, all 65,535 TCP ports. Prints both wall-clock
# times, the ratio (Nmap's time / ours) and whether both found the same set
# of open ports. Not a test: it asserts nothing, and exits non-zero only when
# something is broken (a tool missing, failing, timing out or printing what
# cannot be parsed).
#
#   (a) a firewalled test host: a network namespace of its own behind a veth
#       pair (198.18.0.1/30 here, 198.18.0.2/30 there: the benchmarking range,
#       RFC 2544), 20 listeners, and an nftables input chain of policy drop
#       that accepts only those 20 ports, so the other 65,515 are silently
#       filtered, as on an internet-facing host.
#   (b) loopback, 127.0.0.1, no firewall: 20 listeners plus whatever else
#       listens there; every closed port answers at once with a reset, so the
#       kernel's connect path is the bound.
#
# Traffic goes only to 127.0.0.1 and to 198.18.0.2 inside the namespace this
# script creates; it checks the route before scanning. It runs as root and
# removes what it made (namespace, veth, listeners, temporary files) on exit,
# error or interrupt.
#
# Usage: bench/scan/connect_bench.sh [SHOUWANG_BINARY]   (default build/bench/shouwang)
# Environment:
#   RUNS=N          repeat each measurement N times (1..10; default 1); the
#                   table shows medians
#   CASES="a b"     which cases to run
#   DEFAULTS=1      also scan with shouwang's default flags (0 to skip; in
#                   case (a) they add about half a minute per run)
#   SW_FLAGS_A / SW_FLAGS_B   override our flags for case (a) / (b)
#   TOOL_TIMEOUT=S  limit for one scan (default 900 s)
# Needs: nmap, nftables (nft), iproute2 (ip), python3: tools/setup.sh --test.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-$repo/build/bench/shouwang}
runs=${RUNS:-1}
cases=${CASES:-a b}
defaults=${DEFAULTS:-1}
tool_timeout=${TOOL_TIMEOUT:-900}

# Our flags. (a): 65,515 of the ports never answer, so throughput is
# in-flight / timeout (Little's law): 4,096 in flight over the 100 ms floor of
# the adaptive timeout sustain 40,000 attempts/s, above the 20,000/s pacing
# (and 8,192/s while the 500 ms initial timeout applies, before the first
# round-trip sample). One retry, as by default: a single lost SYN must not
# hide an open port. (b): the round trip is microseconds, so a few dozen
# in flight keep the kernel busy; more only cost epoll and cache work.
read -r -a flags_a <<<"${SW_FLAGS_A:---rate 20000 --max-in-flight 4096 --max-host-in-flight 4096 --retries 1}"
read -r -a flags_b <<<"${SW_FLAGS_B:---rate 200000 --max-in-flight 64 --max-host-in-flight 64 --retries 1}"
nmap_flags=(-sT -p- -T4 -n -Pn)

# Case (a): the namespace, its addresses and its 20 open ports.
ns=swbench-connect
veth_host=swbench0
veth_ns=swbench1
host_addr=198.18.0.1
target_a=198.18.0.2
ports_a=(1 22 25 53 80 110 143 443 993 1433 3306 3389 5432 6379 8080 8443 9200 27017 49152 65535)
# Case (b): 20 listeners from these candidates (below the ephemeral range, so
# no outgoing connection of this machine holds them), skipping taken ones.
target_b=127.0.0.1
mapfile -t ports_b_candidates < <(seq 23001 7 23700)

die() { echo "connect_bench: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (network namespace, nftables)"
[[ $runs =~ ^[0-9]+$ && $runs -ge 1 && $runs -le 10 ]] || die "RUNS must be 1..10"
[[ $tool_timeout =~ ^[0-9]+$ && $tool_timeout -ge 10 && $tool_timeout -le 3600 ]] || die "TOOL_TIMEOUT must be 10..3600 s"
[[ -x $bin ]] || die "no shouwang binary at $bin (make bench builds build/bench/shouwang)"
for c in nmap nft ip python3 timeout; do
  command -v "$c" >/dev/null || die "$c is not installed (tools/setup.sh --test)"
done

work=$(mktemp -d /tmp/connect_bench.XXXXXX)
pids=()
tool_pid=""
ns_created=0
veth_created=0
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local p
  if [[ -n $tool_pid ]]; then kill "$tool_pid" 2>/dev/null || true; wait "$tool_pid" 2>/dev/null || true; fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if ((veth_created)); then ip link del "$veth_host" 2>/dev/null || true; fi
  if ((ns_created)); then ip netns del "$ns" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits (at most 10 s) for a listener's ready file; prints its ports.
wait_ready() {
  local file=$1 pid=$2 _
  for _ in $(seq 1 200); do
    [[ -s $file ]] && { cat "$file"; return 0; }
    kill -0 "$pid" 2>/dev/null || die "listener exited early"
    sleep 0.05
  done
  die "listener not ready after 10 s"
}

# time_cmd NAME CMD...: runs CMD with stdout to $work/NAME.out, stderr to
# $work/NAME.err, bounded by tool_timeout; sets wall, cpu and cmd_rc.
time_cmd() {
  local name=$1
  shift
  cmd_rc=0
  local TIMEFORMAT='%R %U %S'
  # In the background and waited for, so that a signal reaches the trap at
  # once (bash runs traps only between foreground commands).
  {
    time {
      timeout "$tool_timeout" "$@" >"$work/$name.out" 2>"$work/$name.err" &
      tool_pid=$!
      wait "$tool_pid"
    }
  } 2>"$work/$name.time" || cmd_rc=$?
  tool_pid=""
  read -r wall u s <"$work/$name.time"
  cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.2f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# set_diff "A" "B": the members of space-separated list A not in B.
set_diff() { comm -23 <(tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort) <(tr ' ' '\n' <<<"$2" | sed '/^$/d' | sort) | tr '\n' ' ' | sed 's/ $//'; }

read -r eph_lo eph_hi </proc/sys/net/ipv4/ip_local_port_range
ephemeral_hint() {
  ((eph_lo <= $1 && $1 <= eph_hi)) && echo " (in the ephemeral range $eph_lo-$eph_hi)"
  return 0
}

broken=0
rows=()
notes=()

# scan_one TOOL NAME ADDRESS CMD...: runs one scan, prints a line, sets
# open_ports (space separated) or returns 1 when it failed.
scan_one() {
  local tool=$1 name=$2 address=$3
  shift 3
  time_cmd "$name" "$@"
  if ((cmd_rc != 0)); then
    local why="exit $cmd_rc"
    ((cmd_rc == 124)) && why="timed out after $tool_timeout s"
    printf '  %-22s FAILED (%s): %s\n' "$name" "$why" "$(head -c 300 "$work/$name.err" | tr '\n' ' ')"
    broken=1
    return 1
  fi
  local parsed
  if ! parsed=$(python3 "$here/open_ports.py" "$tool" "$work/$name.out" "$address"); then
    printf '  %-22s FAILED: output not understood\n' "$name"
    broken=1
    return 1
  fi
  open_ports=$(sed -n 1p <<<"$parsed")
  local detail n
  detail=$(sed -n 2p <<<"$parsed")
  n=$(wc -w <<<"$open_ports")
  printf '  %-22s %7.2f s wall, %5.2f s cpu, %2d open  [%s]\n' "$name" "$wall" "$cpu" "$n" "$detail"
  return 0
}

# agreement OURS NMAP: "yes (N)" or what differs.
agreement() {
  if [[ "$1" == "$2" ]]; then
    echo "yes ($(wc -w <<<"$1"))"
  else
    local a b
    a=$(set_diff "$1" "$2")
    b=$(set_diff "$2" "$1")
    echo "no: shouwang only [${a:-}] nmap only [${b:-}]"
  fi
}

# run_case KEY LABEL ADDRESS EXPECTED_OPEN FLAGS...: RUNS rounds of ours
# (chosen flags), Nmap, and (DEFAULTS=1) ours with default flags.
run_case() {
  local key=$1 label=$2 address=$3 expected=$4
  shift 4
  local flags=("$@")
  local t_ours=() t_nmap=() t_def=() agree_tuned=() agree_def=() r ours nm def
  echo "shouwang flags ($key): ${flags[*]}"
  echo "nmap flags ($key):     ${nmap_flags[*]}"
  for r in $(seq 1 "$runs"); do
    echo "($key) run $r of $runs"
    ours="-" nm="-" def="-"
    if scan_one shouwang "$key-shouwang-$r" "$address" \
      "$bin" scan "$address" -p- --scope "$address" "${flags[@]}" --json; then
      ours=$open_ports
      t_ours+=("$wall")
    fi
    if scan_one nmap "$key-nmap-$r" "$address" nmap "${nmap_flags[@]}" "$address" -oX -; then
      nm=$open_ports
      t_nmap+=("$wall")
    fi
    if ((defaults)) && scan_one shouwang "$key-shouwang-default-$r" "$address" \
      "$bin" scan "$address" -p- --scope "$address" --json; then
      def=$open_ports
      t_def+=("$wall")
    fi
    # "-" marks a scan that failed.
    [[ $ours != - && $nm != - ]] && agree_tuned+=("$(agreement "$ours" "$nm")")
    [[ $def != - && $nm != - ]] && agree_def+=("$(agreement "$def" "$nm")")
    local who found missing
    for who in shouwang nmap shouwang-default; do
      case $who in shouwang) found=$ours ;; nmap) found=$nm ;; *) found=$def ;; esac
      [[ $found != - ]] || continue
      missing=$(set_diff "$expected" "$found")
      [[ -z $missing ]] || notes+=("($key) run $r: $who missed listening ports $missing")
    done
    # Where the two disagree, say whether anything listens there now: on
    # loopback, a port of the ephemeral range that nobody listens on but was
    # found open is a self-connect (the kernel chose the target port as the
    # source port: SYN, SYN, ACK to itself), which Nmap detects and retries.
    local p extra
    for who in shouwang shouwang-default; do
      case $who in shouwang) found=$ours ;; *) found=$def ;; esac
      [[ $found != - && $nm != - ]] || continue
      for p in $(set_diff "$found" "$nm") $(set_diff "$nm" "$found"); do
        extra="nothing listens on it after the scans"
        ss -Htln "sport = :$p" | grep -q . && extra="something listens on it after the scans"
        if [[ " $found " == *" $p "* ]]; then
          notes+=("($key) run $r: $p open for $who only; $extra$(ephemeral_hint "$p")")
        else
          notes+=("($key) run $r: $p open for nmap only (vs $who); $extra")
        fi
      done
    done
  done
  add_row "$label" t_ours t_nmap agree_tuned
  ((defaults)) && add_row "    same, default flags" t_def t_nmap agree_def
  return 0
}

# add_row LABEL OURS_TIMES_ARRAY NMAP_TIMES_ARRAY AGREEMENTS_ARRAY
add_row() {
  local label=$1
  local -n to=$2 tn=$3 ag=$4
  local mo="-" mn="-" ratio="-" verdict
  ((${#to[@]})) && mo=$(median "${to[@]}")
  ((${#tn[@]})) && mn=$(median "${tn[@]}")
  [[ $mo != - && $mn != - ]] && ratio=$(awk -v a="$mn" -v b="$mo" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
  if ((${#ag[@]} == 0)); then
    verdict="-"
  else
    verdict=$(printf '%s\n' "${ag[@]}" | sort | uniq -c | awk '{ c = $1; $1 = ""; sub(/^ /, ""); printf "%s%s", (NR > 1 ? "; " : ""), $0 (c > 1 ? " x" c : "") }')
  fi
  local s_o="$mo s" s_n="$mn s"
  [[ $mo == - ]] && s_o="failed"
  [[ $mn == - ]] && s_n="failed"
  rows+=("$(printf '%-28s %-10s %-10s %-7s %s' "$label" "$s_o" "$s_n" "$ratio" "$verdict")")
}

echo "connect_bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "shouwang: $bin ($(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'))"
echo "nmap: $(nmap --version | head -n1)"
echo

for c in $cases; do
  case $c in
    a)
      ip netns add "$ns" 2>/dev/null || die "namespace $ns exists: another run, or a stale one (ip netns del $ns)"
      ns_created=1
      ip -o addr show to 198.18.0.0/30 | grep -q . && die "198.18.0.0/30 is already on an interface here"
      ip link add "$veth_host" type veth peer name "$veth_ns"
      veth_created=1
      ip link set "$veth_ns" netns "$ns"
      ip addr add "$host_addr/30" dev "$veth_host"
      ip link set "$veth_host" up
      ip -n "$ns" addr add "$target_a/30" dev "$veth_ns"
      ip -n "$ns" link set "$veth_ns" up
      ip -n "$ns" link set lo up
      # The only route to the target must be our veth.
      ip -o route get "$target_a" | grep -q "dev $veth_host " || die "198.18.0.2 is not routed through $veth_host"
      {
        echo "table inet swbench {"
        echo "  chain input {"
        echo "    type filter hook input priority 0; policy drop;"
        echo "    ct state established,related accept"
        echo "    iif lo accept"
        echo "    tcp dport { $(IFS=,; echo "${ports_a[*]}") } accept"
        echo "  }"
        echo "}"
      } >"$work/rules.nft"
      ip netns exec "$ns" nft -f "$work/rules.nft"
      ip netns exec "$ns" python3 "$here/listeners.py" "$target_a" "$work/ready-a" 3600 "${#ports_a[@]}" "${ports_a[@]}" \
        >/dev/null 2>"$work/listeners-a.err" &
      pids+=($!)
      got=$(wait_ready "$work/ready-a" "${pids[-1]}")
      [[ $(wc -w <<<"$got") -eq ${#ports_a[@]} ]] || die "namespace listeners bound only: $got"
      echo "(a) $target_a in namespace $ns: listening on ${ports_a[*]}; nftables input policy drop, those ports accepted"
      run_case a "(a) netns, ${#ports_a[@]} open, drop" "$target_a" "$got" "${flags_a[@]}"
      # Tear the namespace down now: case (b) does not need it.
      kill "${pids[-1]}" 2>/dev/null || true
      wait "${pids[-1]}" 2>/dev/null || true
      unset 'pids[-1]'
      ip link del "$veth_host" 2>/dev/null || true
      veth_created=0
      ip netns del "$ns"
      ns_created=0
      echo
      ;;
    b)
      python3 "$here/listeners.py" "$target_b" "$work/ready-b" 3600 20 "${ports_b_candidates[@]}" \
        >/dev/null 2>"$work/listeners-b.err" &
      pids+=($!)
      got=$(wait_ready "$work/ready-b" "${pids[-1]}")
      n=$(wc -w <<<"$got")
      others=$(ss -Htln 2>/dev/null | awk '{ print $4 }' | grep -cE '^(127\.0\.0\.1|0\.0\.0\.0|\*|\[::\]|\[::ffff:127\.0\.0\.1\]):' || true)
      echo "(b) $target_b: $n listeners (${got% }); $others listening sockets on loopback or any address in all, before the scans"
      run_case b "(b) loopback" "$target_b" "$got" "${flags_b[@]}"
      echo
      ;;
    *) die "unknown case $c (a or b)" ;;
  esac
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on these cores skews the figures)"
printf '%-28s %-10s %-10s %-7s %s\n' "case" "shouwang" "nmap" "ratio" "open ports agree"
printf '%s\n' "${rows[@]}"
if ((runs > 1)); then echo "(medians of $runs runs; ratio = nmap / shouwang)"; else echo "(ratio = nmap / shouwang)"; fi
echo "shouwang flags: (a) ${flags_a[*]}; (b) ${flags_b[*]}"
for n in "${notes[@]}"; do echo "note: $n"; done
exit "$broken"
