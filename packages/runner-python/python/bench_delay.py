"""The CPython samplers' own cost: work time of identical hub runs without and with each, back to back.

Usage: python3 bench_delay.py [PAIRS] [COUNT] (10 pairs of 100 tasks by default; the test runs 1 of 4). Per cell, one unmeasured run, then PAIRS pairs
in alternating order; prints the median of the per-pair ratios (with / without). Standard library only.
"""

import statistics
import sys

import tvp_baselines as baselines
import tvp_delay as delay
import tvp_pools as pools
import tvp_sweep as sweep
import tvp_tasks as tasks


class Off:
    """No sampler: the same calls, nothing sampled."""

    delays = []

    def start(self):
        pass

    def stop(self):
        pass


def main():
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    iters, _ = sweep.calibrate(10)
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    answers = [tasks.cpu_work(iters, s) for s in range(count)].__getitem__
    job = sweep.Job("cpu", count, 0, iters, None)
    cells = []
    for ms in (1, 10):
        cells += [
            (f"cpu threads x2, thread-wakeup every {ms} ms", ms, lambda p: pools.hub_run("ThreadPoolExecutor", 2, job, answers, 60, p)[0]["workMs"]),
            (f"cpu sequential, thread-wakeup every {ms} ms", ms, lambda p: baselines.sequential(job, answers, p)[0]),
        ]
    print(f"CPython {sys.version.split()[0]}: cpu work time of {count} tasks of about 10 ms, {pairs} pairs each")
    for name, ms, run in cells:
        def once(sampled):
            if not sampled:
                return run(Off())
            p = delay.ThreadWakeup()
            p.interval_s = ms / 1000
            return run(p)

        once(True)
        ratios = []
        for i in range(pairs):
            # ABBA: without first in even pairs, with first in odd ones.
            if i % 2 == 0:
                off = once(False)
                on = once(True)
            else:
                on = once(True)
                off = once(False)
            ratios.append(on / off)
        print(f"  {name}: median ratio {statistics.median(ratios):.4f}", flush=True)


if __name__ == "__main__":
    main()
