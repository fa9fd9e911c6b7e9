#!/usr/bin/python3
"""Prints the benchmark table: latency per engine and direction, ratios to osaaja, and top-k agreement.
Usage: report.py DIR ENGINE...   (reads DIR/ENGINE_times.csv and DIR/ENGINE_topk.csv; osaaja first)."""
import csv
import os
import sys
from collections import defaultdict

d, engines = sys.argv[1], sys.argv[2:]


def pct(v, p):
    v = sorted(v)
    i = max(0, min(len(v) - 1, -(-int(p * len(v) * 1000) // 1000) - 1))
    return v[i]


times, topk = {}, {}
for e in engines:
    t = defaultdict(dict)
    with open(os.path.join(d, f"{e}_times.csv")) as f:
        for r in csv.DictReader(f):
            t[r["direction"]][r["id"]] = float(r["ms"])
    times[e] = t
    k = defaultdict(list)
    with open(os.path.join(d, f"{e}_topk.csv")) as f:
        for r in csv.DictReader(f):
            k[(r["direction"], r["id"])].append((int(r["other"]), float(r["score"])))
    topk[e] = k

print(f"{'engine':<10} {'direction':<9} {'queries':>7} {'p50 ms':>10} {'p99 ms':>10} {'x osaaja p50':>13} "
      f"{'x osaaja p99':>13} {'top-20 agree':>13}")
for dirn in ("client", "vacancy"):
    for e in engines:
        ids = list(times[e][dirn].keys())
        if not ids:
            continue
        mine = [times[e][dirn][i] for i in ids]
        ref = [times["osaaja"][dirn][i] for i in ids]  # osaaja on the same queries
        p50, p99 = pct(mine, 0.5), pct(mine, 0.99)
        r50, r99 = p50 / pct(ref, 0.5), p99 / pct(ref, 0.99)
        agree = 0
        for i in ids:
            a, b = topk["osaaja"][(dirn, i)], topk[e][(dirn, i)]
            # same length and the same score at every rank (1e-3); ids may differ only inside exact ties
            same = len(a) == len(b) and all(abs(x[1] - y[1]) < 1e-3 for x, y in zip(a, b))
            if same:
                # ids may differ only inside groups of equal scores (ties broken by id, up to rounding noise)
                diff = {x[0] for x in a} ^ {y[0] for y in b}
                border = a[-1][1] if a else 0
                lst = a + b
                same = all(abs(s - border) < 1e-3 or sum(abs(s - t) < 1e-3 for _, t in a) > 1
                           for o, s in lst if o in diff)
            agree += same
        print(f"{e:<10} {dirn:<9} {len(ids):>7} {p50:>10.3f} {p99:>10.3f} {r50:>13.1f} {r99:>13.1f} "
              f"{agree:>6}/{len(ids):<6}")
