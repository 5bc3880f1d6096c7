// A --task-module: parse a large JSON document, as a server does with a request body it received.
// The document travels to the worker with every task (`arg`), and a small summary comes back:
// the copy is part of what moving this work off the main thread costs.
//   node packages/runner-node/dist/cli.js --task-module examples/json-parse.mjs --workers 1,2,4

/** Shown in the summary and the report. */
export const name = 'json-parse';
/** JSON.parse keeps a core busy: held against the cpu ideal (capped by the cores). */
export const bound = 'cpu';

const ROWS = 20_000;
const rows = [];
for (let i = 0; i < ROWS; i++) {
  rows.push({
    id: i,
    user: `user-${i}`,
    email: `user-${i}@example.com`,
    tags: ['alpha', 'beta', 'gamma'].slice(0, (i % 3) + 1),
    score: ((i * 7919) % 1000) / 10,
    active: i % 3 === 0,
  });
}
/** The document, about 2 MB of JSON text. */
export const arg = JSON.stringify({ rows });

/** Parse it and summarise it: the summary is small, so the answer costs little to send back. */
export default function parse(text) {
  const doc = JSON.parse(text);
  let scoreTenths = 0;
  let active = 0;
  for (const row of doc.rows) {
    scoreTenths += Math.round(row.score * 10);
    if (row.active) active++;
  }
  return { rows: doc.rows.length, active, scoreTenths };
}
