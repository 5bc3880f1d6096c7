// The part of Deno's API this runner uses (checked against `deno types` of Deno 2.9.6), so that
// tsc on Node checks it without Deno's own lib files, which tsc cannot load.

declare global {
  namespace Deno {
    const version: { deno: string; v8: string; typescript: string };
    function execPath(): string;

    interface CommandOptions {
      args?: string[];
      env?: Record<string, string>;
      clearEnv?: boolean;
      stdin?: 'piped' | 'inherit' | 'null';
      stdout?: 'piped' | 'inherit' | 'null';
      stderr?: 'piped' | 'inherit' | 'null';
    }
    interface CommandStatus {
      success: boolean;
      code: number;
      signal: string | null;
    }
    interface CommandOutput extends CommandStatus {
      readonly stdout: Uint8Array;
      readonly stderr: Uint8Array;
    }
    interface ChildProcess {
      readonly pid: number;
      readonly stdin: WritableStream<Uint8Array>;
      readonly stdout: ReadableStream<Uint8Array>;
      readonly stderr: ReadableStream<Uint8Array>;
      readonly status: Promise<CommandStatus>;
      kill(signal?: string): void;
      output(): Promise<CommandOutput>;
    }
    class Command {
      constructor(command: string | URL, options?: CommandOptions);
      spawn(): ChildProcess;
    }
  }

  /** The Web Worker of Deno (https://docs.deno.com/runtime/reference/web_platform_apis/#web-workers). */
  class Worker extends EventTarget {
    constructor(specifier: string | URL, options: { type: 'module'; name?: string });
    postMessage(message: unknown, transfer?: Transferable[]): void;
    terminate(): void;
  }
}

export {};
