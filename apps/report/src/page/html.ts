import type { Assets } from '../assets.ts';
import { PAGE_CSS } from './style.ts';

/** `</script` inside an inlined script would end it early; `<\/` means the same in JS. */
const scriptSafe = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1');
/** JSON inside a script element: `<` escaped, so no text in the data can close the element. */
const jsonSafe = (json: string) => json.replace(/</g, '\\u003c');

const TITLE = 'Threads vs processes: report';

/** Text safe inside a double-quoted attribute. */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The body's data attributes: what the client reads of how this page was made. */
interface BodyData {
  /** `data-first-run`: the command that writes a first result where the server reads. */
  firstRun?: string | undefined;
  /** `data-exported`: a file written by `--export`, read by people who may not have the repository. */
  exported?: boolean;
}

function shell(head: string, body: string, data: BodyData = {}): string {
  const attrs = `${data.firstRun ? ` data-first-run="${attr(data.firstRun)}"` : ''}${data.exported ? ' data-exported="1"' : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE}</title>
<link rel="icon" href="data:,">
${head}
<style>${PAGE_CSS}</style>
</head>
<body${attrs}>
<header><h1>${TITLE}</h1><span id="controls"></span><span id="status" class="muted">loading...</span></header>
<main id="app"></main>
${body}
</body>
</html>
`;
}

/**
 * The served page: uPlot and the client from /assets, the data from /api/results. `firstRun` is the
 * command that writes a first result file where this server reads (the empty page says it).
 */
export function livePage(firstRun?: string): string {
  return shell(
    '<link rel="stylesheet" href="/assets/uPlot.min.css">',
    '<script src="/assets/uPlot.iife.min.js"></script>\n<script src="/assets/app.js"></script>',
    { firstRun },
  );
}

/**
 * One self-contained file: styles, uPlot, the client and the data inlined; opens offline. Marked
 * exported, so that a page with no run says so in the installed tool's words, not the repository's.
 */
export function exportedPage(assets: Assets, payloadJson: string): string {
  return shell(
    `<style>${assets.uplotCss}</style>`,
    [
      `<script id="tvp-data" type="application/json">${jsonSafe(payloadJson)}</script>`,
      `<script>${scriptSafe(assets.uplotJs)}</script>`,
      // The export is one file: no source map beside it to point at.
      `<script>${scriptSafe(assets.appJs.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'))}</script>`,
    ].join('\n'),
    { exported: true },
  );
}
