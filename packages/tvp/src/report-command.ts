import { loadAssets, reportMain } from '@tvp/report';
import { defaultResultsDir, RESULTS_FOLDER, reportScript } from './paths.ts';

/** `tvp report`: the report server on ./tvp-results (or --results), or `--export FILE`. */
export function reportCommand(argv: readonly string[]): Promise<number> {
  return reportMain(argv, {
    defaultResultsDir: defaultResultsDir(),
    assets: () => loadAssets(reportScript()),
    bin: 'tvp report',
    resultsText: `./${RESULTS_FOLDER}/`,
    firstRun: '`npx tvp run --task-module ./task.mjs --quick`',
  });
}
