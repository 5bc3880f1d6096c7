"""The CPython sweep: runs the cells the TypeScript side planned and reports each as a JSON line.

Usage: python3 tvp_sweep.py, the config as one JSON line on stdin (stdin then stays open: with
"lifeline" set, its end means the runner has gone). Standard library only. Lines on stdout, one JSON
object each: hello, calibrated, answers, then per run a progress line, per measured run a sample
and its tasks (and a roundtrip before noop runs on 1 worker), per cell a cell line, and end. Errors go to stderr
with a non-zero exit: 2 for a config this program refuses.
"""

import asyncio
import json
import multiprocessing
import os
import platform
import signal
import sys
import sysconfig
import threading
from time import perf_counter

import tvp_baselines as baselines
import tvp_delay as delay
import tvp_pools as pools
import tvp_tasks as tasks

KINDS = ("io", "cpu", "noop")
MODES = ("threads", "processes", "sequential", "async")
FAULTS = ("throw", "exit", "hang")
CLOCKS = ("phases", "article")
# Long enough to time the loop to about 1%, short against a sweep; the fastest of a few runs counts.
CALIBRATION_S = 0.1
CALIBRATION_RUNS = 3


class Job:
    """What every task of a cell shares."""

    def __init__(self, kind, count, io_ms, iters, fault):
        self.kind = kind
        self.count = count
        self.io_s = io_ms / 1000
        self.iters = iters
        self.fault = fault


def refuse(msg):
    sys.stderr.write(f"tvp_sweep: {msg}\n")
    sys.exit(2)


def emit(obj):
    """One JSON line on stdout, written whole and at once (no buffer a forked worker could inherit)."""
    data = (json.dumps(obj, allow_nan=False, separators=(",", ":")) + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def whole(cfg, key, low):
    v = cfg.get(key)
    if type(v) is not int or v < low:
        refuse(f"config.{key}: expected a whole number of at least {low}, got {v!r}")
    return v


def read_config(raw):
    """The config, checked: the TypeScript side made it, but this is a boundary all the same."""
    try:
        cfg = json.loads(raw)
    except ValueError as e:
        refuse(f"config is not JSON: {e}")
    if not isinstance(cfg, dict):
        refuse("config: expected an object")
    known = {"plan", "count", "repeat", "warmup", "ioMs", "cpuTargetMs", "timeoutMs", "fault", "lifeline", "clock"}
    extra = sorted(set(cfg) - known)
    if extra:
        refuse(f"config: unknown key(s) {', '.join(extra)}")
    for key, low in (("count", 1), ("repeat", 1), ("warmup", 0), ("ioMs", 0), ("timeoutMs", 1)):
        whole(cfg, key, low)
    target = cfg.get("cpuTargetMs")
    if type(target) not in (int, float) or not target >= 0 or target == float("inf"):
        refuse(f"config.cpuTargetMs: expected a finite number of at least 0, got {target!r}")
    if cfg.get("fault") not in (None, *FAULTS):
        refuse(f"config.fault: unknown fault {cfg.get('fault')!r}; accepted: {', '.join(FAULTS)}")
    if cfg.get("clock") not in (None, *CLOCKS):
        refuse(f"config.clock: unknown clock {cfg.get('clock')!r}; accepted: {', '.join(CLOCKS)}")
    plan = cfg.get("plan")
    if not isinstance(plan, list):
        refuse("config.plan: expected a list")
    methods = multiprocessing.get_all_start_methods()
    for i, c in enumerate(plan):
        if not isinstance(c, dict) or set(c) != {"task", "mode", "impl", "workers", "roundTrip", "warm"}:
            refuse(f"config.plan[{i}]: expected task, mode, impl, workers, roundTrip, warm")
        if type(c["warm"]) is not bool or (c["warm"] and c["mode"] not in ("threads", "processes")):
            refuse(f"config.plan[{i}].warm: expected false, or true on a threads or processes cell")
        if c["task"] not in KINDS or c["mode"] not in MODES:
            refuse(f"config.plan[{i}]: unknown task {c['task']!r} or mode {c['mode']!r}")
        whole(c, "workers", 1)
        impl = c["impl"]
        if c["mode"] == "threads" and impl != pools.THREAD_IMPL:
            refuse(f"config.plan[{i}].impl: threads run on {pools.THREAD_IMPL}, not {impl!r}")
        if c["mode"] == "processes" and pools.start_method(impl) not in methods:
            refuse(f"config.plan[{i}].impl: {impl!r} is not a start method here; accepted: {', '.join(methods)}")
    return cfg


def build_info():
    """Which Python this is: the figures depend on the build, not only the version."""
    gil = getattr(sys, "_is_gil_enabled", None)
    return {
        "t": "hello",
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "compiler": platform.python_compiler(),
        "gil": "enabled" if gil is None or gil() else "disabled",
        "freeThreadedBuild": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "executable": sys.executable,
        "defaultStartMethod": multiprocessing.get_start_method(),
        "pid": os.getpid(),
    }


def _timed(n):
    t0 = perf_counter()
    tasks.cpu_work(n, 1)
    return perf_counter() - t0


def calibrate(target_ms):
    """Rounds of cpu_work that take `target_ms` here, to two significant digits.

    A growing count is timed until it runs long enough, then timed again: the fastest run counts,
    since other work on the machine only ever adds time. Two digits keep the rounds of runs on one
    machine equal (so comparable) when its speed has not changed by more than the rounding.
    """
    if target_ms == 0:
        return 0, 0.0
    n = 1000
    while _timed(n) < CALIBRATION_S:
        n *= 2
    ns_per_round = min(_timed(n) for _ in range(CALIBRATION_RUNS)) * 1e9 / n
    exact = target_ms * 1e6 / ns_per_round
    return max(1, int(float(f"{exact:.2g}"))), ns_per_round


def config_line():
    """The first line of stdin, read from the descriptor so that the lifeline can go on reading it."""
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = os.read(0, 65536)
        if not chunk:
            refuse("stdin ended before the config line")
        buf += chunk
    return buf.decode()


def lifeline():
    """When the TypeScript side goes (its end of stdin closes), take the whole process group with it."""
    # os.read on the descriptor, not sys.stdin: a forked worker closes sys.stdin, which would wait
    # for the buffer lock this thread holds while it reads.
    while os.read(0, 4096):
        pass
    os.killpg(os.getpgrp(), signal.SIGKILL)


def run_warm_cell(i, c, cfg, job, answers):
    """A warm cell: one executor started once, max(1, warmup) batches thrown away, repeat measured
    batches on the same live workers (samples: work alone), then one shutdown, reported on its own line.
    """
    unmeasured = max(1, cfg["warmup"])
    timeout_s = cfg["timeoutMs"] / 1000
    pool = pools.WarmPool(c["impl"], c["workers"], timeout_s)
    try:
        for run in range(unmeasured + cfg["repeat"]):
            emit({"t": "progress", "cell": i, "run": run})
            probe = delay.ThreadWakeup()
            sample, stamps = pool.batch(job, answers, probe)
            if run >= unmeasured:
                emit({"t": "sample", "cell": i, **sample, **delay.fields(probe)})
                emit(stamps.line(i))
        spawn_ms, teardown_ms = pool.close()
    except BaseException:
        pool.kill()
        raise
    emit({"t": "warm", "cell": i, "spawnMs": spawn_ms, "teardownMs": teardown_ms})


def run_cell(i, c, cfg, jobs, answers, loop):
    job = jobs[c["task"]]
    if c["warm"]:
        return run_warm_cell(i, c, cfg, job, answers[job.kind])
    runs = cfg["warmup"] + cfg["repeat"]
    timeout_s = cfg["timeoutMs"] / 1000
    for run in range(runs):
        emit({"t": "progress", "cell": i, "run": run})
        measured = run >= cfg["warmup"]
        if c["roundTrip"]:
            us = pools.round_trip(c["impl"], job.count, timeout_s)
            if measured:
                emit({"t": "roundtrip", "cell": i, "us": us})
        probe = delay.AsyncioTimer() if c["mode"] == "async" else delay.ThreadWakeup()
        if c["mode"] == "sequential":
            sample, stamps = baselines.sample_of(*baselines.sequential(job, answers[job.kind], probe))
        elif c["mode"] == "async":
            sample, stamps = baselines.sample_of(*baselines.in_flight(loop, job, c["workers"], answers[job.kind], probe))
        elif cfg.get("clock") == "article":
            sample, stamps = pools.article_run(c["impl"], c["workers"], job, answers[job.kind], timeout_s, probe)
        else:
            sample, stamps = pools.hub_run(c["impl"], c["workers"], job, answers[job.kind], timeout_s, probe)
        if measured:
            emit({"t": "sample", "cell": i, **sample, **delay.fields(probe)})
            emit(stamps.line(i))


def main():
    if sys.version_info < (3, 9):
        refuse(f"needs Python 3.9 or later (ThreadPoolExecutor.shutdown's cancel_futures); this is {sys.version}")
    if len(sys.argv) != 1:
        refuse(f"unexpected argument(s) {' '.join(sys.argv[1:])}: the config comes on stdin")
    cfg = read_config(config_line())
    emit(build_info())
    if cfg.get("lifeline"):
        threading.Thread(target=lifeline, daemon=True).start()
    kinds = sorted({c["task"] for c in cfg["plan"]}, key=KINDS.index)
    iters, ns = calibrate(cfg["cpuTargetMs"]) if "cpu" in kinds else (0, 0.0)
    emit({"t": "calibrated", "rounds": iters, "nsPerRound": ns})
    jobs = {k: Job(k, cfg["count"], cfg["ioMs"], iters, cfg.get("fault")) for k in kinds}
    answers = {k: (lambda seed: seed) for k in kinds}
    if "cpu" in kinds:
        # Worked out once, off the clock; the TypeScript side checks them against core's cpuWork.
        values = [tasks.cpu_work(iters, seed) for seed in range(cfg["count"])]
        emit({"t": "answers", "task": "cpu", "rounds": iters, "values": values})
        answers["cpu"] = values.__getitem__
    loop = asyncio.new_event_loop()
    for i, c in enumerate(cfg["plan"]):
        try:
            run_cell(i, c, cfg, jobs, answers, loop)
            emit({"t": "cell", "cell": i, "status": "ok"})
        except Exception as e:
            error = str(e) if isinstance(e, pools.HubError) else f"{type(e).__name__}: {e}"
            emit({"t": "cell", "cell": i, "status": "failed", "error": error})
    loop.close()
    emit({"t": "end"})


if __name__ == "__main__":
    main()
