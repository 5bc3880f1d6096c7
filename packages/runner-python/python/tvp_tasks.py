"""The tasks, doing the same work as packages/core/src/tasks.ts, and what runs inside a pool worker."""

import multiprocessing
import os
import threading
import time

MASK32 = 0xFFFFFFFF

# Set when a failed hub run is cleaned up, so that a thread held by an injected `hang` returns:
# a Python thread cannot be killed from outside.
RELEASE = threading.Event()

# Given to each worker by the pool's initializer: a multiprocessing barrier cannot travel as a task
# argument, only by inheritance when the worker starts.
_barrier = None


class InjectedFault(Exception):
    """The fault --fault throw asks for."""


def cpu_work(iters, seed):
    """core's cpuWork: the seed enters the state, then `iters` rounds of 32-bit multiply, xor, shift."""
    # Math.imul keeps the low 32 bits of the product; masking does the same to Python's big ints.
    h = 0x811C9DC5 ^ ((seed * 0x9E3779B1) & MASK32)
    for i in range(iters):
        h = ((h ^ i) * 0x01000193) & MASK32
        h ^= h >> 13
    return h


def _inject(fault, seed):
    if fault == "throw":
        raise InjectedFault(f"injected fault in task {seed}")
    if fault == "exit":
        if multiprocessing.parent_process() is not None:
            os._exit(3)
        # A thread cannot leave alone: ending it is all SystemExit does in a pool thread.
        raise SystemExit(3)
    if fault == "hang":
        RELEASE.wait(86_400)


def run_task(kind, io_s, iters, seed, fault=None):
    """One task in a pool worker or inline: cpu returns cpuWork's answer, io and noop their seed."""
    if fault is not None:
        _inject(fault, seed)
    if kind == "cpu":
        return cpu_work(iters, seed)
    if kind == "io":
        time.sleep(io_s)
    return seed


# When this worker was ready (its initializer ran), per thread: threads share the module's globals.
_started = threading.local()


def mark_ready():
    """Initializer of the article clock's pools: note when this worker is ready to take a task."""
    _started.ns = time.monotonic_ns()


def timed_task(kind, io_s, iters, seed, fault=None):
    """run_task with its times: (value, worker, ready_ns, start_ns, done_ns), on CLOCK_MONOTONIC.

    time.monotonic_ns is CLOCK_MONOTONIC on Linux: one clock for every process of the machine,
    unlike perf_counter_ns, which Python defines per process. Two clock reads per task.
    """
    start = time.monotonic_ns()
    value = run_task(kind, io_s, iters, seed, fault)
    done = time.monotonic_ns()
    return value, (os.getpid(), threading.get_ident()), getattr(_started, "ns", 0), start, done


def rss_bytes():
    """Resident memory of this process, from /proc (0 where there is none)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def keep_barrier(barrier):
    """Pool initializer: keep the start barrier of this pool."""
    global _barrier
    _barrier = barrier


def ready(timeout_s):
    """The no-op sent to each worker at start: it returns when all N workers run, with this one's memory."""
    _barrier.wait(timeout_s)
    return rss_bytes()


def ping():
    """The bare round trip: nothing but the message there and back."""
    return None
