import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The file the `fs` task reads, in a folder of its own. */
export interface FsFile {
  path: string;
  /** Remove the file and its folder. */
  remove(): Promise<void>;
}

/**
 * Write `bytes` of data to a new temporary folder. Every read after the first comes from the page
 * cache, so the task measures the read path (the libuv thread pool and the copy), not the disk.
 */
export async function writeFsFile(bytes: number): Promise<FsFile> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tvp-fs-'));
  const file = path.join(dir, 'read-me.bin');
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 31) & 0xff;
  await writeFile(file, data);
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
