"""How late the hub gets to run while the work runs: the CPython side of core's event-loop delay.

Two samplers, each re-arming a wait of INTERVAL_S and recording how late it ends (milliseconds, to
the microsecond). On the asyncio loop (the async baseline) a coroutine's sleep ends late by as long
as a task holds the loop, as core's timer does on a JavaScript event loop. Elsewhere a thread's
sleep ends late mostly by its wait for the GIL: what any other Python thread of the hub, the main
thread serving a request for one, waits while pool threads (or the main thread) compute.
"""

import asyncio
import threading
from time import perf_counter, sleep

# core's LOOP_DELAY_INTERVAL_MS: 1 ms.
INTERVAL_S = 0.001
INTERVAL_MS = INTERVAL_S * 1000


def _ms(late_s):
    return round(max(0.0, late_s) * 1000, 3)


class ThreadWakeup:
    """A daemon thread that sleeps INTERVAL_S at a time, from start() to stop()."""

    method = "thread-wakeup"

    def __init__(self):
        self.delays = []
        self._stop = threading.Event()
        self._thread = None

    def _run(self):
        while not self._stop.is_set():
            due = perf_counter() + INTERVAL_S
            sleep(INTERVAL_S)
            self.delays.append(_ms(perf_counter() - due))

    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self):
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None


class AsyncioTimer:
    """A coroutine on the running asyncio loop that sleeps INTERVAL_S at a time until stopped."""

    method = "asyncio-timer"

    def __init__(self):
        self.delays = []
        self._task = None
        self._due = None

    async def _run(self):
        loop = asyncio.get_running_loop()
        while True:
            self._due = loop.time() + INTERVAL_S
            await asyncio.sleep(INTERVAL_S)
            self.delays.append(_ms(loop.time() - self._due))
            self._due = None

    def start(self):
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self):
        if self._task is not None:
            # A wake-up still pending when the work ends is late by at least this much (a loop held
            # for the whole run would otherwise show nothing).
            now = asyncio.get_running_loop().time()
            if self._due is not None and now > self._due:
                self.delays.append(_ms(now - self._due))
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None


def fields(sampler):
    """What a sample line carries of a run's delays."""
    return {"delaysMs": sampler.delays, "delayIntervalMs": INTERVAL_MS, "delayMethod": sampler.method}
