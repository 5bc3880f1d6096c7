"""The two baselines without workers: one task after another, and asyncio alone (the event loop)."""

import asyncio
from time import monotonic_ns, perf_counter

import tvp_tasks as tasks
from tvp_pools import HubError, Stamps


def _check(seed, value, answers):
    if value != answers(seed):
        raise HubError(f"task {seed} answered {value}, expected {answers(seed)}")


def sequential(job, answers, probe):
    """Every task inline on the main thread, one at a time: its time (ms) and per-task stamps.

    `probe` (a ThreadWakeup) samples around the work.
    """
    stamps = Stamps(job.count)
    probe.start()
    try:
        t0 = perf_counter()
        stamps.submitted = monotonic_ns()
        for seed in range(job.count):
            stamps.started[seed] = monotonic_ns()
            value = tasks.run_task(job.kind, job.io_s, job.iters, seed)
            stamps.done[seed] = stamps.received[seed] = monotonic_ns()
            _check(seed, value, answers)
        return (perf_counter() - t0) * 1000, stamps
    finally:
        probe.stop()


async def _lanes(job, n, answers, stamps, probe):
    nxt = 0

    async def lane():
        nonlocal nxt
        while nxt < job.count:
            seed = nxt
            nxt += 1
            stamps.started[seed] = monotonic_ns()
            if job.kind == "io":
                await asyncio.sleep(job.io_s)
                value = seed
            else:
                # cpu holds the loop, as synchronous work does on any event loop.
                value = tasks.run_task(job.kind, job.io_s, job.iters, seed)
            stamps.done[seed] = stamps.received[seed] = monotonic_ns()
            _check(seed, value, answers)
            if job.kind != "io":
                # Then the loop gets a turn, as a server's does between two requests (core's
                # async baseline does the same).
                await asyncio.sleep(0)

    probe.start()
    try:
        t0 = perf_counter()
        stamps.submitted = monotonic_ns()
        await asyncio.gather(*(lane() for _ in range(n)))
        return (perf_counter() - t0) * 1000
    finally:
        await probe.stop()


def in_flight(loop, job, n, answers, probe):
    """Up to N tasks in flight on one asyncio loop, made before the clock starts (it is no worker).

    `probe` (an AsyncioTimer) runs on the same loop: a cpu task holds it, as on any event loop.
    """
    stamps = Stamps(job.count)
    return loop.run_until_complete(_lanes(job, n, answers, stamps, probe)), stamps


def sample_of(ms, stamps):
    """A baseline's sample (no workers, so nothing to start or stop, under either clock) and stamps."""
    return {"totalMs": ms, "spawnMs": 0.0, "workMs": ms, "teardownMs": 0.0}, stamps
