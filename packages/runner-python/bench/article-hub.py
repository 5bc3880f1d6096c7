"""The article's hub, bare, against the CPython runner's article clock, side by side in one run.

The bare hub is the article's code as the article describes it: the executor made inside the
timed region, 100 tasks submitted, wait for all (leaving the `with` block shuts the pool down).
The runner's side is `tvp_pools.article_run`, the function a sweep with `--clock article` runs,
with a blocked thread beside it as the sweep's lifeline is. Both run the same task function on
the same work; runs alternate (bare first, then runner first) and every configuration is
interleaved with the others in each round, so drift of a shared machine falls on both alike.

Usage: python3 bench/article-hub.py [--rounds N] [--workers 1,2,4,...] [--kinds io,cpu]
Prints per configuration the medians, the median of the paired ratios (runner / bare), and
each side's speedup over its own run at 1 worker.
"""

import argparse
import os
import statistics
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))

import tvp_delay as delay  # noqa: E402
import tvp_pools as pools  # noqa: E402
import tvp_tasks as tasks  # noqa: E402

COUNT = 100
IO_S = 0.020
# About 10 ms of cpu_work per task here (the JavaScript tasks' default length).
CPU_ITERS = 25_000
IMPLS = {"threads": pools.THREAD_IMPL, "processes": pools.PROCESS_PREFIX + "fork"}


def bare_hub(mode, n, kind, iters):
    """The article's hub: a few lines, timed from making the executor to its shutdown."""
    executor = ThreadPoolExecutor if mode == "threads" else ProcessPoolExecutor
    t0 = perf_counter()
    with executor(max_workers=n) as ex:
        fs = [ex.submit(tasks.run_task, kind, IO_S, iters, i) for i in range(COUNT)]
        wait(fs)
    return (perf_counter() - t0) * 1000


class Job:
    """What article_run reads of a job (as tvp_sweep.Job)."""

    def __init__(self, kind, iters):
        self.kind, self.count, self.io_s, self.iters, self.fault = kind, COUNT, IO_S, iters, None


def runner_hub(mode, n, kind, iters, answers):
    # With the probe a sweep's pool cells run beside them (the GIL-wait sampler), as the sweep does.
    sample, _ = pools.article_run(IMPLS[mode], n, Job(kind, iters), answers, 30.0, delay.ThreadWakeup())
    return sample["totalMs"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--workers", default="1,2,4,8,16,32,64")
    p.add_argument("--kinds", default="io,cpu")
    p.add_argument("--modes", default="threads,processes")
    a = p.parse_args()
    workers = [int(x) for x in a.workers.split(",")]
    kinds = a.kinds.split(",")
    modes = a.modes.split(",")
    answers = {
        "io": lambda seed: seed,
        "cpu": [tasks.cpu_work(CPU_ITERS, s) for s in range(COUNT)].__getitem__,
    }
    iters = {"io": 0, "cpu": CPU_ITERS}
    # The sweep's lifeline: a thread blocked reading a pipe, present in the runner's process.
    r, _w = os.pipe()
    threading.Thread(target=os.read, args=(r, 1), daemon=True).start()
    configs = [(k, m, n) for k in kinds for m in modes for n in workers]
    bare = {c: [] for c in configs}
    ours = {c: [] for c in configs}
    for rnd in range(a.rounds):
        for c in configs:
            k, m, n = c
            pair = [("bare", lambda: bare_hub(m, n, k, iters[k])), ("ours", lambda: runner_hub(m, n, k, iters[k], answers[k]))]
            if rnd % 2:
                pair.reverse()
            for who, f in pair:
                (bare if who == "bare" else ours)[c].append(f())
        print(f"round {rnd + 1} of {a.rounds} done", file=sys.stderr, flush=True)

    print(f"{COUNT} tasks; io {IO_S * 1000:g} ms, cpu {CPU_ITERS} rounds; n = {a.rounds} rounds, medians in ms")
    print("| task | mode | workers | bare hub | runner | runner / bare | speedup bare | speedup runner |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for c in configs:
        k, m, n = c
        b, o = statistics.median(bare[c]), statistics.median(ours[c])
        ratio = statistics.median([y / x for x, y in zip(bare[c], ours[c])])
        one = (k, m, workers[0])
        sb = statistics.median(bare[one]) / b
        so = statistics.median(ours[one]) / o
        print(f"| {k} | {m} | {n} | {b:.1f} | {o:.1f} | {ratio:.3f} | {sb:.1f}x | {so:.1f}x |")


if __name__ == "__main__":
    main()
