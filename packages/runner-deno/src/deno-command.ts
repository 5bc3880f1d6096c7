import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  encodePayloadFrame,
  FrameDecoder,
  MAX_PAYLOAD_FRAME_BYTES,
  setupArgv,
  type Transport,
  type WorkerMessage,
  type WorkerSetup,
  workerEntry,
  workerProcessEnv,
} from '@tvp/core';

/**
 * `processes` on Deno.Command (https://docs.deno.com/api/deno/~/Deno.Command): a Deno child that
 * speaks core's length-prefixed JSON frames on its piped stdin and stdout. The child runs with no
 * permission but what its setup needs: reading the task module's folder or the fs task's file, and
 * the net task's loopback server.
 */
export const denoCommandTransport = (entry: URL = workerEntry('stdio')): Transport => ({
  mode: 'processes',
  impl: 'deno-command',
  start(events, { workerEnv, setup }) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(workerProcessEnv(workerEnv))) if (v !== undefined) env[k] = v;
    const child = new Deno.Command(Deno.execPath(), {
      args: ['run', '--no-prompt', ...permissionsFor(setup), fileURLToPath(entry), ...setupArgv(setup)],
      env,
      clearEnv: true,
      stdin: 'piped',
      stdout: 'piped',
      stderr: 'inherit',
    }).spawn();
    const stdin = child.stdin.getWriter();
    let broken = false;
    const read = (async () => {
      const decoder = new FrameDecoder(MAX_PAYLOAD_FRAME_BYTES);
      try {
        for await (const chunk of child.stdout) {
          for (const msg of decoder.push(chunk)) events.message(msg as WorkerMessage);
        }
      } catch (err) {
        broken = true;
        events.error(new Error(`deno-command worker ${child.pid}: ${(err as Error).message}`));
        child.kill('SIGKILL');
      }
    })();
    // The exit is reported after the last frame has been read: a child's final message is never
    // overtaken by its exit.
    void Promise.all([child.status, read]).then(([s]) => {
      if (!broken) void stdin.close().catch(() => {});
      events.exit({ code: s.signal ? null : s.code, signal: s.signal });
    });
    return {
      // A write to a child that has gone fails; its exit is reported on its own.
      send: (msg) => void stdin.write(encodePayloadFrame(msg)).catch(() => {}),
      kill: () => {
        try {
          child.kill('SIGKILL');
        } catch {
          // It had already exited.
        }
      },
      pid: child.pid,
    };
  },
  // Frames on stdio: JSON frames carry the document, binary frames the bytes.
  ways: ['json', 'frames'],
  lacks: {
    advanced: 'Deno.Command has no IPC channel: frames on stdio, JSON or binary',
    'advanced-buffer': 'Deno.Command has no IPC channel: frames on stdio, JSON or binary',
  },
});

/** The least a worker needs for its setup: read the module's folder or the file, reach the server. */
export function permissionsFor(setup: WorkerSetup | undefined): string[] {
  const read = [
    ...(setup?.moduleUrl ? [dirname(fileURLToPath(setup.moduleUrl))] : []),
    ...(setup?.fsPath ? [setup.fsPath] : []),
  ];
  return [
    ...(read.length > 0 ? [`--allow-read=${read.join(',')}`] : []),
    ...(setup?.netUrl ? [`--allow-net=${new URL(setup.netUrl).host}`] : []),
  ];
}

/** Deno.Command with core's bundled stdio entry. */
export const denoCommand = denoCommandTransport();
