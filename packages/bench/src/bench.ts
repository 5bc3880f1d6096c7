import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BATCH_VARS, EXIT, UsageError } from '@tvp/core';
import { type BenchArgs, selectRunners, splitArgs } from './args.ts';
import { batchRuns, closingText, outDirOf } from './closing.ts';
import { DiscoveryError, discoverRunners, findRoot, type Runner } from './discover.ts';
import { exitStatus, runnerEnv } from './invoke.ts';
import { schedule } from './schedule.ts';
import { Supervisor } from './supervisor.ts';
import { usage } from './usage.ts';
import { verdictOf } from './verdict.ts';

/** Where the bench writes its own lines. */
export interface BenchIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** What the bench needs to know about where it runs. */
export interface BenchContext extends BenchIo {
  /** A folder inside the workspace: the root is found from it. */
  from: string;
  env: NodeJS.ProcessEnv;
  /** The bench's working folder: a runner's relative `--out` is taken from it. */
  cwd: string;
}

/**
 * The whole `pnpm bench`: find the runners, split the flags, run every runner `rounds` times in
 * rotating order, one at a time. Returns the exit status (see `usage`).
 */
export async function runBench(argv: readonly string[], ctx: BenchContext): Promise<number> {
  let root: string;
  let runners: Runner[];
  try {
    root = findRoot(ctx.from);
    runners = discoverRunners(root);
  } catch (err) {
    if (!(err instanceof DiscoveryError)) throw err;
    ctx.stderr.write(`bench: error: ${err.message}\n`);
    return EXIT.failed;
  }
  let args: BenchArgs;
  try {
    args = splitArgs(argv);
    runners = selectRunners(runners, args.runtimes);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    ctx.stderr.write(`bench: error: ${err.message}\n\n${usage(runners)}\n`);
    return EXIT.usage;
  }
  // Runners take a relative --out from TVP_CWD: where the user typed the command, not their folder.
  const base = { ...ctx.env, TVP_CWD: ctx.env.TVP_CWD || ctx.env.INIT_CWD || ctx.cwd };
  const supervisor = new Supervisor();
  try {
    if (args.help) {
      ctx.stdout.write(`${usage(runners)}\n\n`);
      const first = runners[0] as Runner;
      const o = await supervisor.run(first, args.runnerArgs, runnerEnv(first, root, base, {}));
      return o ? exitStatus(o) : EXIT[supervisor.stoppedBy ?? 'SIGINT'];
    }
    return await runRounds(args, runners, root, base, supervisor, ctx);
  } finally {
    supervisor.close();
  }
}

async function runRounds(
  args: BenchArgs,
  runners: readonly Runner[],
  root: string,
  base: NodeJS.ProcessEnv,
  supervisor: Supervisor,
  io: BenchIo,
): Promise<number> {
  const batchId = randomUUID();
  const failed: string[] = [];
  const slots = schedule(runners, args.rounds);
  for (const slot of slots) {
    const { runner, round, rounds } = slot;
    const what = `round ${round}/${rounds}, ${runner.runtime}`;
    if (supervisor.stoppedBy) break;
    io.stdout.write(`bench: ${what} (${slot.place} of ${slot.of} this round)\n`);
    const env = runnerEnv(runner, root, base, {
      [BATCH_VARS.id]: batchId,
      [BATCH_VARS.round]: String(round),
      [BATCH_VARS.rounds]: String(rounds),
    });
    const o = await supervisor.run(runner, args.runnerArgs, env);
    if (o === undefined) break;
    if (o.error) io.stderr.write(`bench: error: could not start ${runner.name}: ${o.error.message}\n`);
    const verdict = verdictOf(o);
    if (supervisor.stoppedBy || verdict === 'stopped') {
      io.stderr.write(`bench: stopped during ${what}: no other runner started\n`);
      // The runner's own status (130, 143); a runner that had just finished cleanly still leaves
      // the bench stopped.
      const status = exitStatus(o);
      return status === EXIT.ok && supervisor.stoppedBy ? EXIT[supervisor.stoppedBy] : status;
    }
    if (verdict === 'refused') {
      io.stderr.write(`bench: ${runner.runtime} refused the flags (exit 2): no other runner started\n`);
      return EXIT.usage;
    }
    if (verdict === 'failed') failed.push(`${what} (exit ${exitStatus(o)})`);
  }
  if (supervisor.stoppedBy) {
    io.stderr.write('bench: stopped between two runners: no other runner started\n');
    return EXIT[supervisor.stoppedBy];
  }
  const total = `${slots.length} runner invocation(s) in ${args.rounds} round(s), batch ${batchId}`;
  if (failed.length > 0) io.stderr.write(`bench: ${failed.length} of ${total} failed: ${failed.join('; ')}\n`);
  else io.stdout.write(`bench: ${total}: all ok\n`);
  const userCwd = base.TVP_CWD ?? root;
  const dir = outDirOf(args.runnerArgs, root, userCwd);
  const shown = path.relative(userCwd, dir);
  io.stdout.write(
    closingText(
      batchRuns(dir, batchId),
      shown === '' ? '.' : shown.startsWith('..') ? dir : shown,
      args.rounds,
      dir === path.join(root, 'results'),
    ),
  );
  return failed.length > 0 ? EXIT.failed : EXIT.ok;
}
