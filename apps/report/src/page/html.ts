import type { Assets } from '../assets.ts';
import { PAGE_CSS } from './style.ts';

/** `</script` inside an inlined script would end it early; `<\/` means the same in JS. */
const scriptSafe = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1');
/** JSON inside a script element: `<` escaped, so no text in the data can close the element. */
const jsonSafe = (json: string) => json.replace(/</g, '\\u003c');

const TITLE = 'Threads vs processes: report';

/** Text safe inside a double-quoted attribute. */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function shell(head: string, body: string, firstRun?: string): string {
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
<body${firstRun ? ` data-first-run="${attr(firstRun)}"` : ''}>
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
    firstRun,
  );
}

/** One self-contained file: styles, uPlot, the client and the data inlined; opens offline. */
export function exportedPage(assets: Assets, payloadJson: string): string {
  return shell(
    `<style>${assets.uplotCss}</style>`,
    [
      `<script id="tvp-data" type="application/json">${jsonSafe(payloadJson)}</script>`,
      `<script>${scriptSafe(assets.uplotJs)}</script>`,
      // The export is one file: no source map beside it to point at.
      `<script>${scriptSafe(assets.appJs.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'))}</script>`,
    ].join('\n'),
  );
}
