/** A request body, or the reason it was not read in full. */
export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true; seenBytes: number };

/**
 * Read at most `maxBytes` of a request body. A declared Content-Length over the limit is refused
 * before a byte is read; an undeclared (chunked) body is refused as soon as it passes the limit,
 * and the rest is never pulled.
 */
export async function readLimited(req: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, tooLarge: true, seenBytes: 0 };
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, tooLarge: true, seenBytes: size };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}
