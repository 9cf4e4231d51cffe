#!/usr/bin/env python3
"""Markdown tables of docs/perf/KERNEL.md from a JMH JSON result file.

Usage: python3 docs/perf/tables.py docs/perf/kernel-quick.json

Evaluations per second are the secondary metric "evaluations" (@AuxCounters): N x prices per call,
divided by time. "mean" is JMH's score over all measurement iterations of all forks; "best" is the
fastest single iteration, the less load-sensitive figure on a shared machine.
"""
import json
import sys


def load(path):
    rows = {}
    for r in json.load(open(path)):
        cls, method = r["benchmark"].split(".")[-2:]
        p = r.get("params", {})
        key = (cls, method, p.get("fleet"), int(p.get("n", 0)))
        rows[key] = r
    return rows


def evals(r):
    m = r["secondaryMetrics"]["evaluations"]
    raw = [x for fork in m["rawData"] for x in fork]
    return m["score"], m["scoreError"], max(raw)


def g(x):
    return f"{x / 1e9:.2f}"


def kernel(rows):
    print("| fleet | N | simd G/s (best) | scalar G/s (best) | simd256 G/s | simd512 G/s | reference M/s "
          "| simd/scalar | simd/reference | 512/256 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    keys = sorted({(k[2], k[3]) for k in rows if k[0] == "KernelBenchmark"})
    for fleet, n in keys:
        e = {m: evals(rows[("KernelBenchmark", m, fleet, n)])
             for m in ("simd", "scalar", "simd256", "simd512", "reference")
             if ("KernelBenchmark", m, fleet, n) in rows}
        def cell(m):
            s, err, best = e[m]
            return f"{g(s)} ± {g(err)} ({g(best)})"
        print(f"| {fleet} | {n} | {cell('simd')} | {cell('scalar')} | {g(e['simd256'][0])} | {g(e['simd512'][0])} "
              f"| {e['reference'][0] / 1e6:.1f} | {e['simd'][0] / e['scalar'][0]:.1f}× "
              f"| {e['simd'][0] / e['reference'][0]:.0f}× | {e['simd512'][0] / e['simd256'][0]:.2f}× |")


def slot(rows):
    print("| fleet | N | simd µs | scalar µs | prepare µs | simd − prepare µs | scalar/simd |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    keys = sorted({(k[2], k[3]) for k in rows if k[0] == "SlotBenchmark"})
    for fleet, n in keys:
        t = {}
        for m in ("simd", "scalar", "prepare"):
            pm = rows[("SlotBenchmark", m, fleet, n)]["primaryMetric"]
            raw = [x for fork in pm["rawData"] for x in fork]
            t[m] = (pm["score"], pm["scoreError"], min(raw))
        def cell(m):
            s, err, best = t[m]
            return f"{s:.0f} ± {err:.0f} (best {best:.0f})"
        print(f"| {fleet} | {n} | {cell('simd')} | {cell('scalar')} | {cell('prepare')} "
              f"| {t['simd'][0] - t['prepare'][0]:.0f} | {t['scalar'][0] / t['simd'][0]:.1f}× |")


def curve(rows):
    print("| N | working set (32 B/EV) | prices/call | simd G/s (best) | scalar G/s (best) | simd/scalar |")
    print("|---:|---:|---:|---:|---:|---:|")
    keys = sorted({k[3] for k in rows if k[0] == "CurveBenchmark"})
    for n in keys:
        s = evals(rows[("CurveBenchmark", "simd", "paper", n)])
        c = evals(rows[("CurveBenchmark", "scalar", "paper", n)])
        kib = 32 * n / 1024
        ws = f"{kib:.0f} KiB" if kib < 1024 else f"{kib / 1024:.1f} MiB"
        prices = max(1, min(3361, 4_000_000 // n))
        print(f"| {n:,} | {ws} | {prices} | {g(s[0])} ± {g(s[1])} ({g(s[2])}) | {g(c[0])} ± {g(c[1])} ({g(c[2])}) "
              f"| {s[0] / c[0]:.1f}× |")


if __name__ == "__main__":
    rows = load(sys.argv[1])
    for title, f in (("KernelBenchmark", kernel), ("SlotBenchmark", slot), ("CurveBenchmark", curve)):
        print(f"\n### {title}\n")
        f(rows)
