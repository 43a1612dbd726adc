#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Open TCP ports of one address, from `shouwang scan --json` or `nmap -oX`.

Usage: open_ports.py shouwang|nmap FILE ADDRESS
Prints one line: the open ports, sorted, space separated (empty if none),
then a second line of details (counts the tool reported). Exits 1 if FILE
cannot be parsed or has no report for ADDRESS.
"""
import json
import sys
import xml.etree.ElementTree as ET


def shouwang(path, address):
    with open(path) as f:
        doc = json.load(f)
    for h in doc["hosts"]:
        if h["address"] == address:
            if not h["scanned"]:
                raise ValueError("host not scanned: %s" % h["refusal"])
            ports = sorted(o["port"] for o in h["open"])
            s = doc["stats"]
            detail = "closed=%d filtered=%d attempts=%d retries=%d local_errors=%d elapsed_ms=%d rtt_us=%d" % (
                h["closed"], h["filtered"], s["attempts"], s["retries"], s["local_errors"], s["elapsed_ms"],
                h["rtt_us"])
            return ports, detail
    raise ValueError("no report for %s" % address)


def nmap(path, address):
    root = ET.parse(path).getroot()
    for host in root.iter("host"):
        addrs = [a.get("addr") for a in host.iter("address")]
        if address not in addrs:
            continue
        ports = []
        states = {}
        for p in host.iter("port"):
            if p.get("protocol") != "tcp":
                continue
            st = p.find("state").get("state")
            states[st] = states.get(st, 0) + 1
            if st == "open":
                ports.append(int(p.get("portid")))
        for extra in host.iter("extraports"):
            st = extra.get("state")
            states[st] = states.get(st, 0) + int(extra.get("count"))
        finished = root.find("runstats/finished")
        elapsed = finished.get("elapsed") if finished is not None else "?"
        detail = " ".join("%s=%d" % kv for kv in sorted(states.items())) + " elapsed_s=%s" % elapsed
        return sorted(ports), detail
    raise ValueError("no report for %s" % address)


def main():
    tool, path, address = sys.argv[1], sys.argv[2], sys.argv[3]
    try:
        ports, detail = (shouwang if tool == "shouwang" else nmap)(path, address)
    except Exception as e:  # noqa: BLE001 - any parse failure is reported the same way
        print("open_ports.py: %s: %s" % (path, e), file=sys.stderr)
        return 1
    print(" ".join(str(p) for p in ports))
    print(detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
