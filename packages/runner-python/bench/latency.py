"""Per-task latency of a warm concurrent.futures pool through the CPython runner's hub against a bare round trip.

Ours: `tvp_pools.run_tasks`, the loop a sweep's hub run uses, on one executor of 1 worker started
once and kept warm; with one worker it sends each noop task when the previous one is answered and
checked, so a task's response time is the span between consecutive answers (the first: from the
submission). Minimal: `executor.submit(ping).result()` on a second warm executor of the same kind,
timed around each call. Subjects interleave in each round, rotating, and which side goes first
alternates. Every CPU is kept running by a spinner at SCHED_IDLE, as core's bench/latency/awake.mjs
does and for its reason: on an idle VM whose CPUs halt at once, a side whose threads hand off
across a halted CPU pays the host's wake-up (tens of µs), which then decides the comparison, in
either direction. Prints p50 and p99 per side, the median of the per-round p50 ratios, the ratio of
the p99s over all tasks, and the CPUs' idle entries per task.

Usage: python3 bench/latency.py [--rounds 20] [--tasks 1000] [--warmup 500] [--idle-cpus]
       (--idle-cpus: no spinners, the machine's own idle behaviour, halts included)
       (pnpm --filter @tvp/runner-python bench:latency)
"""

import argparse
import glob
import os
import statistics
import subprocess
import sys
from pathlib import Path
from time import monotonic_ns, perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))

import tvp_pools as pools  # noqa: E402
import tvp_tasks as tasks  # noqa: E402
from tvp_sweep import Job  # noqa: E402

IMPLS = [pools.THREAD_IMPL, pools.PROCESS_PREFIX + "fork"]
TIMEOUT_S = 30.0


def ours(ex, n):
    """n response times (us) of noop tasks one at a time through the hub's run_tasks."""
    stamps = pools.Stamps(n)
    stamps.submitted = monotonic_ns()
    pools.run_tasks(ex, 1, Job("noop", n, 0, 0, None), lambda seed: seed, TIMEOUT_S, stamps)
    prev = [stamps.submitted] + stamps.received[:-1]
    return [(r - p) / 1e3 for r, p in zip(stamps.received, prev)]


def minimal(ex, n):
    """n round trips (us) of a bare submit and result."""
    out = []
    for _ in range(n):
        t0 = perf_counter()
        ex.submit(tasks.ping).result(timeout=TIMEOUT_S)
        out.append((perf_counter() - t0) * 1e6)
    return out


def cpu_idle_entries():
    """Times the CPUs entered an idle state so far (all CPUs and states), or NaN where Linux does not say."""
    files = glob.glob("/sys/devices/system/cpu/cpu[0-9]*/cpuidle/state*/usage")
    try:
        return sum(int(open(f).read()) for f in files) if files else float("nan")
    except (OSError, ValueError):
        return float("nan")


def keep_cpus_awake():
    """One busy loop per CPU at SCHED_IDLE (nice 19 without chrt), each leaving once this process has gone."""
    loop = "while kill -0 $PPID 2>/dev/null; do :; done"
    cmd = f"command -v chrt >/dev/null && exec chrt --idle 0 sh -c '{loop}'; exec nice -n 19 sh -c '{loop}'"
    return [subprocess.Popen(["sh", "-c", cmd]) for _ in range(os.cpu_count() or 1)]


def p99(xs):
    s = sorted(xs)
    return s[min(len(s) - 1, -(-99 * len(s) // 100) - 1)]


def fmt(us):
    return f"{us / 1000:.1f} ms" if us >= 1000 else f"{us:.0f} µs" if us >= 10 else f"{us:.1f} µs"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--warmup", type=int, default=500)
    ap.add_argument("--idle-cpus", action="store_true")
    a = ap.parse_args()
    subjects = []
    spinners = [] if a.idle_cpus else keep_cpus_awake()
    try:
        for impl in IMPLS:
            s = {"impl": impl, "ours": pools.make_executor(impl, 1), "minimal": pools.make_executor(impl, 1)}
            subjects.append(s)
            for side in ("ours", "minimal"):
                pools.start_workers(s[side], 1, TIMEOUT_S)
            ours(s["ours"], a.warmup)
            minimal(s["minimal"], a.warmup)
            s["times"] = {"ours": [], "minimal": []}
            s["idle"] = {"ours": 0, "minimal": 0}
        t0 = perf_counter()
        for r in range(a.rounds):
            k = r % len(subjects)
            for s in subjects[k:] + subjects[:k]:
                order = ("ours", "minimal") if r % 2 == 0 else ("minimal", "ours")
                for side in order:
                    e0 = cpu_idle_entries()
                    s["times"][side].append((ours if side == "ours" else minimal)(s[side], a.tasks))
                    s["idle"][side] += cpu_idle_entries() - e0
            print(f"round {r + 1}/{a.rounds}", file=sys.stderr)
        seconds = perf_counter() - t0
    finally:
        for p in spinners:
            p.kill()
            p.wait()
        for s in subjects:
            for side in ("ours", "minimal"):
                s[side].shutdown(wait=True)
    version = sys.version.split()[0]
    print(
        f"\nper-task response of a warm pool, 1 worker, noop tasks one at a time, CPython {version}: "
        f"{a.rounds} interleaved rounds of {a.tasks} tasks per side after {a.warmup} warm-up tasks, in {seconds:.0f} s; "
        + ("CPUs left to idle (--idle-cpus)" if a.idle_cpus else "CPUs kept awake by SCHED_IDLE spinners")
    )
    print(
        "| executor | ours p50 | minimal p50 | p50 ratio (median of per-round) | ours p99 | minimal p99 | p99 ratio "
        "| CPU idle entries per task (ours / minimal) | n |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    per_task = lambda e: f"{e / (a.rounds * a.tasks):.2f}"  # noqa: E731
    for s in subjects:
        o, m = s["times"]["ours"], s["times"]["minimal"]
        ratio = statistics.median(statistics.median(x) / statistics.median(y) for x, y in zip(o, m))
        ao, am = [x for t in o for x in t], [x for t in m for x in t]
        print(
            f"| {s['impl']} | {fmt(statistics.median(ao))} | {fmt(statistics.median(am))} | {ratio:.2f}x "
            f"| {fmt(p99(ao))} | {fmt(p99(am))} | {p99(ao) / p99(am):.2f}x "
            f"| {per_task(s['idle']['ours'])} / {per_task(s['idle']['minimal'])} | {a.rounds} x {a.tasks} |"
        )


if __name__ == "__main__":
    main()
