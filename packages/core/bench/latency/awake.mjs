// What an idle VM does to a message round trip, and how to take it out of a comparison. Here
// (cpuidle driver `haltpoll` with guest_halt_poll_ns 0: no polling) a CPU with nothing to run
// halts at once, and a thread woken onto a halted CPU waits for the host to run that vCPU again:
// tens of µs. Whether a side pays it depends on how its threads hand off (on one CPU, or across
// two with the second halted between messages), not on its code, so on an idle machine either
// side can come out several times slower. Spinners at SCHED_IDLE keep every CPU running without
// taking time from anything else: a woken thread preempts them at once, and both sides are
// compared on what they do. `cpuIdleEntries` counts the halts, to show which regime a run was in.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const CPU_DIR = '/sys/devices/system/cpu';

/** Times the CPUs entered an idle state so far (all CPUs, all states), or NaN where Linux does not say. */
export function cpuIdleEntries() {
  try {
    let n = 0;
    for (const cpu of readdirSync(CPU_DIR).filter((d) => /^cpu\d+$/.test(d))) {
      const dir = `${CPU_DIR}/${cpu}/cpuidle`;
      for (const s of readdirSync(dir)) n += Number(readFileSync(`${dir}/${s}/usage`, 'utf8'));
    }
    return n;
  } catch {
    return Number.NaN;
  }
}

/**
 * One busy loop per CPU at SCHED_IDLE (`chrt --idle 0`; nice 19 where chrt is missing), each
 * leaving as soon as this process has gone (it checks its parent on every turn). Returns the stop.
 */
export function keepCpusAwake() {
  const loop = 'while kill -0 $PPID 2>/dev/null; do :; done';
  const kids = Array.from({ length: availableParallelism() }, () => {
    const p = spawn(
      'sh',
      ['-c', `command -v chrt >/dev/null && exec chrt --idle 0 sh -c '${loop}'; exec nice -n 19 sh -c '${loop}'`],
      { stdio: 'ignore' },
    );
    p.on('error', () => {});
    return p;
  });
  return () => {
    for (const p of kids) p.kill('SIGKILL');
  };
}
