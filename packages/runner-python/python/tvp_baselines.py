"""The two baselines without workers: one task after another, and asyncio alone (the event loop)."""

import asyncio
from time import perf_counter

import tvp_tasks as tasks
from tvp_pools import HubError


def _check(seed, value, answers):
    if value != answers(seed):
        raise HubError(f"task {seed} answered {value}, expected {answers(seed)}")


def sequential(job, answers):
    """Every task inline on the main thread, one at a time."""
    t0 = perf_counter()
    for seed in range(job.count):
        _check(seed, tasks.run_task(job.kind, job.io_s, job.iters, seed), answers)
    return (perf_counter() - t0) * 1000


async def _lanes(job, n, answers):
    nxt = 0

    async def lane():
        nonlocal nxt
        while nxt < job.count:
            seed = nxt
            nxt += 1
            if job.kind == "io":
                await asyncio.sleep(job.io_s)
                value = seed
            else:
                # cpu holds the loop, as synchronous work does on any event loop.
                value = tasks.run_task(job.kind, job.io_s, job.iters, seed)
            _check(seed, value, answers)

    t0 = perf_counter()
    await asyncio.gather(*(lane() for _ in range(n)))
    return (perf_counter() - t0) * 1000


def in_flight(loop, job, n, answers):
    """Up to N tasks in flight on one asyncio loop, made before the clock starts (it is no worker)."""
    return loop.run_until_complete(_lanes(job, n, answers))


def sample_of(ms):
    """A baseline's sample: no workers, so nothing to start or stop."""
    return {"totalMs": ms, "spawnMs": 0.0, "workMs": ms, "teardownMs": 0.0}
