"""A hub run on a concurrent.futures pool, timed the article's way and split into its three phases."""

import multiprocessing
import queue
import statistics
import threading
from concurrent.futures import FIRST_EXCEPTION, BrokenExecutor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from time import monotonic_ns, perf_counter

import tvp_tasks as tasks

THREAD_IMPL = "ThreadPoolExecutor"
PROCESS_PREFIX = "ProcessPoolExecutor-"
# How long a killed worker process may take to go.
KILL_WAIT_S = 2.0


class HubError(Exception):
    """A hub run failed: a task raised, a worker stopped, a task hung, an answer was wrong."""


def start_method(impl):
    """The multiprocessing start method an impl names, or None for threads."""
    return impl[len(PROCESS_PREFIX):] if impl.startswith(PROCESS_PREFIX) else None


def make_executor(impl, n):
    """The executor behind an impl, with a start barrier for its N workers."""
    method = start_method(impl)
    if method is None:
        return ThreadPoolExecutor(n, initializer=tasks.keep_barrier, initargs=(threading.Barrier(n),))
    ctx = multiprocessing.get_context(method)
    return ProcessPoolExecutor(n, mp_context=ctx, initializer=tasks.keep_barrier, initargs=(ctx.Barrier(n),))


def make_plain_executor(impl, n):
    """The executor as the article's code made it: no barrier, workers started as tasks are submitted.

    Its initializer only notes when each worker is ready (one clock read).
    """
    method = start_method(impl)
    if method is None:
        return ThreadPoolExecutor(n, initializer=tasks.mark_ready)
    return ProcessPoolExecutor(n, mp_context=multiprocessing.get_context(method), initializer=tasks.mark_ready)


def kill(ex):
    """End a pool that failed: free hung threads, kill worker processes, drop queued tasks."""
    tasks.RELEASE.set()
    # ProcessPoolExecutor has no public kill; its worker processes are in `_processes` (3.9 to 3.13).
    procs = list((getattr(ex, "_processes", None) or {}).values())
    for p in procs:
        try:
            p.kill()
        except (OSError, ValueError):
            pass  # already gone
    ex.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.join(KILL_WAIT_S)


def start_workers(ex, n, timeout_s):
    """Submit a no-op per worker and wait until every one runs (the barrier holds the first ones)."""
    readies = [ex.submit(tasks.ready, timeout_s) for _ in range(n)]
    _, not_done = wait_futures(readies, timeout=timeout_s)
    if not_done:
        raise HubError(f"workers not ready after {round(timeout_s * 1000)} ms (--timeout-ms)")
    out = []
    for i, f in enumerate(readies):
        exc = f.exception()
        if exc is not None:
            raise HubError(f"worker {i + 1} of {n} could not start: {type(exc).__name__}: {exc}")
        out.append(f.result())
    return out


class Stamps:
    """Per-task times of one hub run, ns on CLOCK_MONOTONIC (time.monotonic_ns), stored as they come."""

    def __init__(self, count):
        self.submitted = 0
        self.started = [0] * count
        self.done = [0] * count
        self.received = [0] * count

    def line(self, cell):
        """The run's tasks line: ms, as the TypeScript side builds the cell's percentiles from them."""
        ms = lambda xs: [x / 1e6 for x in xs]  # noqa: E731
        return {
            "t": "tasks",
            "cell": cell,
            "submittedAt": self.submitted / 1e6,
            "started": ms(self.started),
            "done": ms(self.done),
            "received": ms(self.received),
        }


def run_tasks(ex, n, job, answers, timeout_s, stamps):
    """Run job.count tasks, each worker holding one at a time; check every answer."""
    done_q = queue.SimpleQueue()
    in_flight = {}
    sent = 0
    fault_at = job.count // 2 if job.fault else -1

    broken = None

    def send():
        # A worker that died breaks the executor: its submit then raises, while the task that was
        # running there fails with the reason. Stop sending and let that task's failure be reported.
        nonlocal sent, broken
        seed = sent
        try:
            f = ex.submit(tasks.timed_task, job.kind, job.io_s, job.iters, seed, job.fault if seed == fault_at else None)
        except BrokenExecutor as exc:
            broken = exc
            return
        sent += 1
        in_flight[f] = (seed, perf_counter())
        f.add_done_callback(done_q.put)

    for _ in range(min(n, job.count)):
        send()
    done = 0
    tick = min(1.0, max(0.01, timeout_s / 4))
    while done < job.count:
        if broken is not None and not in_flight:
            raise HubError(f"task {sent} could not be sent: {type(broken).__name__}: {broken}")
        try:
            f = done_q.get(timeout=tick)
        except queue.Empty:
            now = perf_counter()
            for seed, at in in_flight.values():
                if now - at > timeout_s:
                    raise HubError(f"task {seed} ran past {round(timeout_s * 1000)} ms (--timeout-ms)") from None
            continue
        stamps.received[in_flight[f][0]] = monotonic_ns()
        seed, _ = in_flight.pop(f)
        exc = f.exception()
        if isinstance(exc, BrokenExecutor):
            # A dead worker breaks the executor, which fails every task in flight in its own order:
            # the first reported need not be the one that died, so name them all.
            seeds = sorted([seed, *(s for s, _ in in_flight.values())])
            which = f"task {seeds[0]}" if len(seeds) == 1 else f"tasks {', '.join(map(str, seeds))}"
            raise HubError(f"{which} failed: {type(exc).__name__}: {exc} (a worker died with {'them' if len(seeds) > 1 else 'it'} in flight)")
        if exc is not None:
            raise HubError(f"task {seed} failed: {type(exc).__name__}: {exc}")
        value, _, _, stamps.started[seed], stamps.done[seed] = f.result()
        if value != answers(seed):
            raise HubError(f"task {seed} answered {value}, expected {answers(seed)}: the work was not done as asked")
        done += 1
        if sent < job.count and broken is None:
            send()


def hub_run(impl, n, job, answers, timeout_s, probe):
    """One measured hub run: create the pool and start its N workers, run the tasks, shut it down.

    Returns the sample and the run's per-task stamps. `probe` (a ThreadWakeup) samples the hub's
    wait for the GIL during the work phase.
    """
    tasks.RELEASE.clear()
    stamps = Stamps(job.count)
    rss_before = tasks.rss_bytes()
    t0 = perf_counter()
    ex = make_executor(impl, n)
    try:
        worker_rss = start_workers(ex, n, timeout_s)
        t1 = perf_counter()
        # Reading memory is the harness's own work: between the phases, counted in neither.
        rss_after = tasks.rss_bytes()
        probe.start()
        w0 = perf_counter()
        stamps.submitted = monotonic_ns()
        run_tasks(ex, n, job, answers, timeout_s, stamps)
        t2 = perf_counter()
        probe.stop()
        ex.shutdown(wait=True)
        t3 = perf_counter()
    except BaseException:
        probe.stop()
        kill(ex)
        raise
    threads = start_method(impl) is None
    per_worker = max(0, (rss_after - rss_before) / n) if threads else statistics.median(worker_rss)
    return {
        "totalMs": (t1 - t0 + t3 - w0) * 1000,
        "spawnMs": (t1 - t0) * 1000,
        "workMs": (t2 - w0) * 1000,
        "teardownMs": (t3 - t2) * 1000,
        "rssBytesPerWorker": round(per_worker),
    }, stamps


def article_run(impl, n, job, answers, timeout_s, probe):
    """One hub run timed as the article's was: the executor made inside the timed region, every task
    submitted at once, workers started as tasks come (no barrier), then shut down; the total runs to
    the last worker's exit. Answers are checked after the clock stops. Returns the sample, with
    `readyAtMs` when every worker ran a task (its initializer's time is known only then), and stamps.
    `probe` samples from the submission to the last answer (the work overlaps the start here).
    """
    tasks.RELEASE.clear()
    stamps = Stamps(job.count)
    fault_at = job.count // 2 if job.fault else -1
    probe.start()
    t0 = monotonic_ns()
    stamps.submitted = t0
    ex = make_plain_executor(impl, n)
    try:
        fs = [
            ex.submit(tasks.timed_task, job.kind, job.io_s, job.iters, seed, job.fault if seed == fault_at else None)
            for seed in range(job.count)
        ]
        for seed, f in enumerate(fs):
            f.add_done_callback(lambda _f, seed=seed: stamps.received.__setitem__(seed, monotonic_ns()))
        wait_all(fs, timeout_s)
        t2 = monotonic_ns()
        probe.stop()
        ex.shutdown(wait=True)
        t3 = monotonic_ns()
    except BaseException:
        probe.stop()
        kill(ex)
        raise
    ready = {}
    for seed, f in enumerate(fs):
        value, worker, ready_ns, stamps.started[seed], stamps.done[seed] = f.result()
        if value != answers(seed):
            raise HubError(f"task {seed} answered {value}, expected {answers(seed)}: the work was not done as asked")
        ready[worker] = ready_ns
    first, last = min(ready.values()), max(ready.values())
    sample = {
        "totalMs": (t3 - t0) / 1e6,
        "spawnMs": (first - t0) / 1e6,
        "workMs": (t2 - first) / 1e6,
        "teardownMs": (t3 - t2) / 1e6,
    }
    if len(ready) == n:
        sample["readyAtMs"] = (last - t0) / 1e6
    return sample, stamps


def wait_all(fs, timeout_s):
    """Wait for every future; fail on the first error, or when none has finished for timeout_s."""
    pending = set(fs)
    while pending:
        done, pending = wait_futures(pending, timeout=timeout_s, return_when=FIRST_EXCEPTION)
        if not done:
            raise HubError(f"no task finished in {round(timeout_s * 1000)} ms (--timeout-ms)")
        for f in done:
            exc = f.exception()
            if exc is not None:
                raise HubError(f"task {fs.index(f)} failed: {type(exc).__name__}: {exc}")


class WarmPool:
    """An executor kept alive across the batches of a warm cell (--pool warm), as a server keeps its pool.

    Made and started once (all N workers ready, the barrier's way whatever the clock), then batch
    after batch on the same workers, then shut down once. A failed batch kills it (kill), as a cold
    run's failure does, so that a warm cell leaves no worker behind.
    """

    def __init__(self, impl, n, timeout_s):
        tasks.RELEASE.clear()
        self.n = n
        self.timeout_s = timeout_s
        rss_before = tasks.rss_bytes()
        t0 = perf_counter()
        self.ex = make_executor(impl, n)
        try:
            worker_rss = start_workers(self.ex, n, timeout_s)
        except BaseException:
            kill(self.ex)
            raise
        self.spawn_ms = (perf_counter() - t0) * 1000
        threads = start_method(impl) is None
        self.rss_per_worker = round(
            max(0, (tasks.rss_bytes() - rss_before) / n) if threads else statistics.median(worker_rss)
        )

    def worker_pids(self):
        """The pids of its worker processes (empty for threads), for tests: the same for every batch."""
        return sorted((getattr(self.ex, "_processes", None) or {}).keys())

    def batch(self, job, answers, probe):
        """One batch of job.count tasks on the live workers: its sample is the work alone."""
        stamps = Stamps(job.count)
        probe.start()
        try:
            w0 = perf_counter()
            stamps.submitted = monotonic_ns()
            run_tasks(self.ex, self.n, job, answers, self.timeout_s, stamps)
            work_ms = (perf_counter() - w0) * 1000
        finally:
            probe.stop()
        sample = {"totalMs": work_ms, "spawnMs": 0, "workMs": work_ms, "teardownMs": 0}
        return {**sample, "rssBytesPerWorker": self.rss_per_worker}, stamps

    def close(self):
        """Shut the pool down, waiting for every worker; returns (spawn ms, teardown ms)."""
        t2 = perf_counter()
        self.ex.shutdown(wait=True)
        return self.spawn_ms, (perf_counter() - t2) * 1000

    def kill(self):
        """End it now: after a failure, or an interrupt."""
        kill(self.ex)


def round_trip(impl, count, timeout_s):
    """The yardstick for dispatch: the mean time (us) of `count` bare pings to a fresh pool of 1 worker."""
    ex = make_executor(impl, 1)
    try:
        start_workers(ex, 1, timeout_s)
        t0 = perf_counter()
        for _ in range(count):
            ex.submit(tasks.ping).result(timeout=timeout_s)
        us = (perf_counter() - t0) * 1e6 / count
        ex.shutdown(wait=True)
        return us
    except BaseException:
        kill(ex)
        raise
