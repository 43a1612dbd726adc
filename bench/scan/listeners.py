#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""TCP listeners for bench/scan/connect_bench.sh.

Usage: listeners.py ADDRESS READY_FILE LIFETIME_S WANT PORT...

Binds up to WANT of the given ports on ADDRESS (skipping ports already taken
by someone else), writes the bound ports to READY_FILE (one line, space
separated, written atomically), then accepts and immediately closes every
connection so the accept queues never fill up across runs. Exits by itself
after LIFETIME_S seconds at the latest.
"""
import os
import selectors
import socket
import sys
import time


def main() -> int:
    address, ready, lifetime, want = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    candidates = [int(p) for p in sys.argv[5:]]
    sel = selectors.DefaultSelector()
    bound = []
    for port in candidates:
        if len(bound) >= want:
            break
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
        except OSError:
            s.close()
            continue
        s.listen(1024)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        bound.append(port)
    tmp = ready + ".tmp"
    with open(tmp, "w") as f:
        f.write(" ".join(str(p) for p in bound) + "\n")
    os.rename(tmp, ready)
    deadline = time.monotonic() + lifetime
    while time.monotonic() < deadline:
        for key, _ in sel.select(timeout=1.0):
            try:
                conn, _ = key.fileobj.accept()
                conn.close()
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
