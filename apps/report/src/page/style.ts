/** The page's own styles; uPlot brings its own. Light and dark follow the reader's system. */
export const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1d232b; --muted: #5b6673; --line: #d8dde3; --bg: #fff; --head: #f3f5f7; --warn: #8a4b00; --warn-bg: #fff6e6; --accent: #0072b2; --accent-bg: #f5f9fc; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e4e8ec; --muted: #9aa5b1; --line: #3a424c; --bg: #14181d; --head: #1f252c; --warn: #f0b35a; --warn-bg: #2b2113; --accent: #3d9ee6; --accent-bg: #17212b; }
}
* { box-sizing: border-box; }
html, body { max-width: 100%; overflow-x: hidden; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 8px 16px; border-bottom: 1px solid var(--line); display: flex; gap: 4px 16px; flex-wrap: wrap; align-items: center; }
header h1 { font-size: 18px; margin: 0 12px 0 0; }
header .controls { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; }
label { color: var(--muted); }
select { font: inherit; margin-left: 4px; max-width: 100%; }
main { padding: 4px 16px 40px; max-width: 1400px; }
h2 { font-size: 17px; margin: 12px 0 6px; border-bottom: 2px solid var(--fg); }
h3 { font-size: 15px; margin: 20px 0 4px; }
h4 { font-size: 13px; margin: 12px 0 2px; }
.muted { color: var(--muted); }
a { color: var(--accent); }
.scroll { max-width: 100%; overflow-x: auto; }
.verdicts { max-width: 100%; overflow-x: auto; margin: 0 0 6px; }
.verdicts table { font-size: 13px; margin: 0; }
.verdicts td, .verdicts th { text-align: left; white-space: normal; padding: 3px 8px; vertical-align: top; }
.verdicts td { min-width: 120px; }
@media (max-width: 600px) { .verdicts td, .verdicts th { padding: 2px 4px; } .verdicts td { min-width: 0; } }
.verdicts .choice { font-weight: 600; }
.verdicts .why { font-size: 12px; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 5px; }
.empty code { white-space: nowrap; }
.dot.caveat { box-sizing: border-box; border: 2px solid; background: transparent; }
.verdicts .caveat:not(.dot) { color: var(--warn); font-weight: 600; }
.verdicts .busy { margin: 0 0 4px; padding: 2px 8px; font-size: 13px; color: var(--warn); background: var(--warn-bg); border-left: 3px solid var(--warn); }
figure.panels { margin: 4px 0 14px; }
figure.panels figcaption { margin: 2px 0; }
figure.panels .fig-title { font-weight: 600; }
figure.panels .fig-caption { font-size: 12px; }
.panel-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(300px, 100%), 1fr)); gap: 4px 12px; max-width: calc(var(--panels, 4) * 732px); }
.panel { min-width: 0; display: flex; flex-direction: column; }
.panel-title { font-size: 12px; font-weight: 600; overflow-wrap: anywhere; flex: 1 0 auto; }
.plot { width: 100%; min-width: 0; overflow: hidden; }
.notes { margin: 2px 0; padding-left: 18px; font-size: 13px; columns: 2 440px; column-gap: 28px; }
.notes li { margin: 1px 0; break-inside: avoid; }
/* A long statement reads as one column. */
.notes.break-even { columns: auto; }
.fig-tools { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; font-size: 12px; }
.fig-tools details[open] { flex-basis: 100%; }
.fig-tools button { font: inherit; font-size: 12px; }
details > summary { cursor: pointer; color: var(--muted); }
section.machine > details { margin: 6px 0; }
section.machine > details > summary { font-size: 14px; }
.warnings { background: var(--warn-bg); color: var(--warn); border: 1px solid #f0c987; padding: 6px 12px; margin: 8px 0; }
.warnings ul { margin: 4px 0; padding-left: 18px; }
.findings li { margin: 3px 0; }
.findings .basis { color: var(--muted); font-size: 12px; }
.runs { display: flex; gap: 8px 16px; flex-wrap: wrap; margin: 6px 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px 24px; }
figure.chart { margin: 0; min-width: 0; }
figure.chart figcaption { font-weight: 600; margin: 8px 0 2px; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 12px; margin: 2px 0; }
.legend i { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
details.numbers { max-width: 100%; }
details.numbers summary { font-size: 12px; }
table { border-collapse: collapse; font-size: 12px; margin: 4px 0; }
th, td { border: 1px solid var(--line); padding: 2px 6px; text-align: right; white-space: nowrap; }
th { background: var(--head); }
td:first-child, th:first-child { text-align: left; }
table.env td { text-align: left; white-space: normal; }
.env-grid { display: flex; flex-wrap: wrap; gap: 8px 16px; }
.env { max-width: 100%; overflow-x: auto; }
.yes { color: #0a6b2d; font-weight: 600; }
.recommendations { border-left: 4px solid var(--accent); padding: 2px 12px; margin: 8px 0; background: var(--accent-bg); }
.recommendations .recommendation { font-weight: 600; }
.recommendations .basis { font-weight: 400; }
.exports { font-weight: 400; font-size: 12px; color: var(--muted); }
.pairs details { margin: 2px 0; }
.compare .refused, .incomparable { color: var(--warn); }
.compare > summary h3 { display: inline; }
tr.incomparable td, .legend .incomparable { color: var(--warn); }
`;
