// A small least-recently-used map, so unchanged embedded documents are not re-parsed on every keystroke.

/**
 * Bounded by entry count and by total weight: each keystroke in a large pack adds a new entry
 * (the edited version), and a parsed document costs memory in proportion to its text, so a count
 * alone would let stale versions of a big pack pile up.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private weight = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly capacity = 512,
    readonly maxWeight = Infinity,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Map keeps insertion order; re-inserting makes this the most recent entry.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, weight = 1): void {
    this.delete(key);
    this.entries.set(key, { value, weight });
    this.weight += weight;
    while (this.entries.size > 1 && (this.entries.size > this.capacity || this.weight > this.maxWeight)) {
      this.delete(this.entries.keys().next().value as K);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get totalWeight(): number {
    return this.weight;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
    this.hits = 0;
    this.misses = 0;
  }

  private delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.weight -= entry.weight;
    this.entries.delete(key);
  }
}

/**
 * A copy of `s` that does not share storage with the string it was sliced from. V8 keeps a whole
 * parent string alive for each slice of it, so a cache holding slices of old editor texts would
 * hold every old version of a large profile; concatenation followed by a slice forces a copy.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : ('\u0000' + s).slice(1);
}
