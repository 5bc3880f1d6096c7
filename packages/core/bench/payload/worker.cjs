// The least a payload worker can be, for node:worker_threads, a forked process and a stdio child
// (stdio.cjs requires `serve` from here): checksum every byte of what comes (the same checksum as
// core's payload.ts, copied so that nothing of the harness is loaded) and send it back the same
// way; a task with no way (a noop) is answered with its id at once. The yardstick of
// bench/payload/payload.mjs and bench/latency/latency.mjs.
const { parentPort } = require('node:worker_threads');

const mix = (h, w) => {
  const x = Math.imul(h ^ w, 0x01000193);
  return x ^ (x >>> 13);
};
function sumBytes(b) {
  if ((b.byteOffset & 3) !== 0) return sumSkewed(b);
  let h = 0x811c9dc5 | 0;
  const words = b.length >>> 2;
  const w32 = new Uint32Array(b.buffer, b.byteOffset, words);
  for (let k = 0; k < words; k++) h = mix(h, w32[k]);
  return withTail(h, b, words);
}
function sumSkewed(b) {
  let h = 0x811c9dc5 | 0;
  const words = b.length >>> 2;
  if (words > 1) {
    const skew = b.byteOffset & 3;
    const w32 = new Uint32Array(b.buffer, b.byteOffset - skew, words);
    const lo = skew << 3;
    const hi = 32 - lo;
    let cur = w32[0];
    for (let k = 1; k < words; k++) {
      const next = w32[k];
      h = mix(h, (cur >>> lo) | (next << hi));
      cur = next;
    }
  }
  if (words > 0) h = mix(h, wordAt(b, (words - 1) << 2));
  return withTail(h, b, words);
}
const wordAt = (b, a) => b[a] | (b[a + 1] << 8) | (b[a + 2] << 16) | (b[a + 3] << 24);
function withTail(h, b, words) {
  let tail = 0;
  for (let k = words << 2, s = 0; k < b.length; k++, s += 8) tail |= b[k] << s;
  if ((b.length & 3) !== 0) h = mix(h, tail);
  return h >>> 0;
}
function sumDoc(doc) {
  let h = 0x811c9dc5 | 0;
  let word = 0;
  let filled = 0;
  for (const row of doc.rows) {
    const t = row.text;
    for (let k = 0; k < t.length; k++) {
      word |= (t.charCodeAt(k) & 0xff) << (filled << 3);
      if (++filled === 4) {
        h = mix(h, word);
        word = 0;
        filled = 0;
      }
    }
  }
  if (filled !== 0) h = mix(h, word);
  return h >>> 0;
}
const answer = (sum, id) => (sum ^ Math.imul(id + 1, 0x9e3779b1)) >>> 0;

function serve(m, post) {
  if (m.t === 'exit') return 'exit';
  const { id, way, payload } = m;
  if (way === undefined) post({ id, value: id });
  else if (way === 'clone-object' || way === 'json' || way === 'advanced') {
    post({ id, value: answer(sumDoc(payload), id), payload });
  } else if (way === 'shared') {
    const header = new Int32Array(payload, 0, 2);
    if (Atomics.load(header, 0) !== id + 1) throw new Error('hand-off not seen');
    const value = answer(sumBytes(new Uint8Array(payload, 8)), id);
    Atomics.store(header, 1, value | 0);
    post({ id, value });
  } else {
    const bytes =
      payload instanceof ArrayBuffer
        ? new Uint8Array(payload)
        : new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    post({ id, value: answer(sumBytes(bytes), id), payload }, way === 'transfer' ? [payload] : undefined);
  }
}

if (parentPort) {
  parentPort.on('message', (m) => {
    if (serve(m, (r, t) => parentPort.postMessage(r, t)) === 'exit') process.exit(0);
  });
  parentPort.postMessage({ t: 'ready' });
} else if (process.send) {
  process.on('message', (m) => {
    if (serve(m, (r) => process.send(r)) === 'exit') process.disconnect();
  });
  process.send({ t: 'ready' });
}

module.exports = { serve };
