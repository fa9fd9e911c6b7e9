#!/usr/bin/python3
"""Slow clients cannot take the server down (issue 19, item 9). 1 100 half-open connections from one address, each
sending a header line every few seconds and never finishing its request head; meanwhile another client (another
loopback address) asks /healthz again and again and must be answered within 1 s every time. The server caps the
connections of one address (--max-per-address, default 128) and drops a connection idle for 10 s.
Usage: slow_clients.py OSAAJA_BINARY [SECONDS] (prints "N passed, N failed"). Bounded: it stops by itself."""
import os
import resource
import socket
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Suite, osaaja  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 12
FLOOD = 1100
S = Suite("slow clients")

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
db = os.path.join(tempfile.mkdtemp(prefix="osaaja-slow-"), "s.db")
osaaja(BIN, "init", "--db", db)
srv = Server(BIN, db)
slow = []
try:
    for i in range(FLOOD):  # the flood, from 127.0.0.1
        try:
            c = socket.create_connection(("127.0.0.1", srv.port), timeout=2)
            c.setblocking(False)
            c.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            slow.append(c)
        except OSError:
            pass  # refused once the address is at its cap: that is the point
    S.check(len(slow) > 0, f"the flood opened connections ({len(slow)} of {FLOOD} accepted at first)")
    worst, answered, asked = 0.0, 0, 0
    end = time.time() + SECONDS
    last_drip = 0.0
    while time.time() < end:
        if time.time() - last_drip > 3:  # one more header line now and then: never a whole head
            for c in slow:
                try:
                    c.send(b"X-Slow: 1\r\n")
                except OSError:
                    pass
            last_drip = time.time()
        t0 = time.time()
        asked += 1
        try:  # another client, from another loopback address
            h = socket.create_connection(("127.0.0.1", srv.port), timeout=1, source_address=("127.0.0.2", 0))
            h.settimeout(1)
            h.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = h.recv(200)
            h.close()
            if data.startswith(b"HTTP/1.1 200"):
                answered += 1
        except OSError:
            pass
        worst = max(worst, time.time() - t0)
        time.sleep(0.2)
    S.check(answered == asked, f"another client was answered every time ({answered} of {asked})")
    S.check(worst < 1.0, f"within 1 s each time (slowest {worst:.3f} s)")
    S.check(srv.proc.poll() is None, "the server is still running")
finally:
    for c in slow:
        c.close()
    rc = srv.stop()
S.check(rc == 0, f"the server stopped cleanly ({rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
