import { type ResultFile, resultFileName } from '@tvp/core';

/**
 * core's file name for a run, reduced to characters that cannot leave the results folder or hide
 * the file: an uploaded id or time is the sender's text, so `/`, `..` and a leading dot go.
 */
export function safeFileName(r: ResultFile): string {
  const name = resultFileName(r)
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[.-]+/, '');
  return name.endsWith('.msgpack') ? name : `${name}.msgpack`;
}
