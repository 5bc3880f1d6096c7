/**
 * Least-recently-used entries, at most `limit` of them: the store's decoded runs. A `get` makes
 * an entry the newest; a `set` beyond the limit drops the oldest.
 */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`cache limit must be a positive integer, got ${limit}`);
  }
  /** The entry, now the most recently used, or undefined. */
  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }
  /** Keep an entry as the most recently used, dropping the least recently used past the limit. */
  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.limit) this.#map.delete(this.#map.keys().next().value as K);
  }
  /** Forget an entry. */
  delete(key: K): void {
    this.#map.delete(key);
  }
  /** How many entries are kept. */
  get size(): number {
    return this.#map.size;
  }
}
