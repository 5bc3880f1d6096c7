"""How late the hub gets to run while the work runs: the CPython side of core's event-loop delay.

Two samplers, each re-arming a wait of INTERVAL_S and recording how late it ends (milliseconds, to
the microsecond). On the asyncio loop (the async baseline) a coroutine's sleep ends late by as long
as a task holds the loop, as core's timer does on a JavaScript event loop. Elsewhere a thread's
sleep ends late mostly by its wait for the GIL: what any other Python thread of the hub, the main
thread serving a request for one, waits while pool threads (or the main thread) compute.
"""

import asyncio
import threading
from time import perf_counter

# core's LOOP_DELAY_INTERVAL_MS: 1 ms, on the asyncio loop.
INTERVAL_S = 0.001
# A thread's every wake-up asks for the GIL, and while another thread computes that forces a switch
# (after sys.getswitchinterval(), 5 ms): at 1 ms the switches slowed cpu work measurably here
# (bench_delay.py); 10 ms asks at most once per 15 ms and still samples every stall longer than that.
THREAD_INTERVAL_S = 0.01


def _ms(late_s):
    return round(max(0.0, late_s) * 1000, 3)


class ThreadWakeup:
    """A daemon thread that sleeps THREAD_INTERVAL_S at a time, from start() to stop()."""

    method = "thread-wakeup"

    def __init__(self):
        self.delays = []
        self._stop = threading.Event()
        self._thread = None

    interval_s = THREAD_INTERVAL_S

    def _run(self):
        # Waits on the stop event rather than sleeping: stop() then wakes the thread at once, so its
        # join does not hold the hub for up to one interval (it is called inside the timed region:
        # a sleep here added 5 ms on average to every pool run's teardown, 10% of a 64-thread io run).
        # A wake-up still pending at stop() is late by at least what it waited past its due time
        # (nothing, when it was not due yet), as AsyncioTimer records it.
        while True:
            due = perf_counter() + self.interval_s
            stopped = self._stop.wait(self.interval_s)
            self.delays.append(_ms(perf_counter() - due))
            if stopped:
                return

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
    interval_s = INTERVAL_S

    def __init__(self):
        self.delays = []
        self._task = None
        self._due = None

    async def _run(self):
        loop = asyncio.get_running_loop()
        while True:
            self._due = loop.time() + self.interval_s
            await asyncio.sleep(self.interval_s)
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
    return {"delaysMs": sampler.delays, "delayIntervalMs": sampler.interval_s * 1000, "delayMethod": sampler.method}
