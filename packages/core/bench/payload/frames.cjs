// The least a reader and writer of the stdio frames can be (the wire of core's frames.ts, written
// again here so that nothing of the harness is loaded): a JSON frame is a 4-byte big-endian length
// and the JSON; a binary frame (a message whose payload is bytes) has the length's top bit set,
// then the JSON's 4-byte length, the JSON, and the raw bytes. Used by stdio.cjs and raw.mjs.
const { Buffer } = require('node:buffer');

/** One message as a frame. */
function encode(msg) {
  if (msg.payload instanceof Uint8Array) {
    const { payload, ...rest } = msg;
    const json = Buffer.from(JSON.stringify(rest));
    const frame = Buffer.allocUnsafe(8 + json.length + payload.length);
    frame.writeUInt32BE((4 + json.length + payload.length + 0x8000_0000) >>> 0, 0);
    frame.writeUInt32BE(json.length, 4);
    json.copy(frame, 8);
    frame.set(payload, 8 + json.length);
    return frame;
  }
  const json = Buffer.from(JSON.stringify(msg));
  const frame = Buffer.allocUnsafe(4 + json.length);
  frame.writeUInt32BE(json.length, 0);
  json.copy(frame, 4);
  return frame;
}

/** A push function for chunks cut anywhere: calls `onMessage` with each whole frame's message. */
function decoder(onMessage) {
  let chunks = [];
  let held = 0;
  return (chunk) => {
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    held += chunk.byteLength;
    while (held >= 4) {
      if (chunks[0].length < 4) chunks = [Buffer.concat(chunks)];
      const word = chunks[0].readUInt32BE(0);
      const size = word & 0x7fff_ffff;
      if (held < 4 + size) return;
      // Joined once, when the frame is whole.
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const body = all.subarray(4, 4 + size);
      chunks = all.length > 4 + size ? [all.subarray(4 + size)] : [];
      held -= 4 + size;
      if (word >>> 31 === 0) onMessage(JSON.parse(body.toString()));
      else {
        const n = body.readUInt32BE(0);
        onMessage({ ...JSON.parse(body.subarray(4, 4 + n).toString()), payload: body.subarray(4 + n) });
      }
    }
  };
}

module.exports = { encode, decoder };
