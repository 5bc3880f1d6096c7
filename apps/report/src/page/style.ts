/** The page's own styles; uPlot brings its own. */
export const PAGE_CSS = `
:root { color-scheme: light; --fg: #1d232b; --muted: #5b6673; --line: #d8dde3; --bg: #fff; --warn: #8a4b00; --warn-bg: #fff6e6; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); display: flex; gap: 16px; flex-wrap: wrap; align-items: center; }
header h1 { font-size: 18px; margin: 0 12px 0 0; }
label { color: var(--muted); }
select { font: inherit; margin-left: 4px; }
main { padding: 8px 20px 40px; }
h2 { font-size: 17px; margin: 24px 0 4px; border-bottom: 2px solid var(--fg); }
h3 { font-size: 15px; margin: 20px 0 4px; }
h4 { font-size: 13px; margin: 12px 0 2px; }
.muted { color: var(--muted); }
.warnings { background: var(--warn-bg); color: var(--warn); border: 1px solid #f0c987; padding: 6px 12px; margin: 8px 0; }
.warnings ul { margin: 4px 0; padding-left: 18px; }
.findings li { margin: 3px 0; }
.findings .basis { color: var(--muted); font-size: 12px; }
.runs { display: flex; gap: 16px; flex-wrap: wrap; margin: 6px 0; }
.grid { display: flex; flex-wrap: wrap; gap: 12px 24px; }
figure.chart { margin: 0; width: 600px; max-width: 100%; }
figure.chart figcaption { font-weight: 600; margin: 8px 0 2px; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 12px; margin: 2px 0; }
.legend i { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
details.numbers { max-width: 100%; overflow-x: auto; }
details.numbers summary { cursor: pointer; color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; font-size: 12px; margin: 4px 0; }
th, td { border: 1px solid var(--line); padding: 2px 6px; text-align: right; white-space: nowrap; }
th { background: #f3f5f7; }
td:first-child, th:first-child { text-align: left; }
table.env td { text-align: left; }
.env-grid { display: flex; flex-wrap: wrap; gap: 8px 16px; }
.yes { color: #0a6b2d; font-weight: 600; }
.recommendations { border-left: 4px solid #0072b2; padding: 2px 12px; margin: 8px 0; background: #f5f9fc; }
.recommendations .recommendation { font-weight: 600; }
.recommendations .basis { font-weight: 400; }
.exports { font-weight: 400; font-size: 12px; color: var(--muted); }
.compare .refused { color: var(--warn); }
.compare > summary { cursor: pointer; }
.compare > summary h3 { display: inline; }
tr.incomparable td, .legend .incomparable { color: var(--warn); }
`;
