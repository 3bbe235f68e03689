// Maps offsets in a decoded YAML string back to where each character came from in its source.

/**
 * A piecewise map from inner offsets to offsets relative to the scalar's start. Runs copied
 * verbatim are stored as one segment (`identity`); characters produced by an escape or a line
 * fold all point at one source position, so a 40,000-line block costs one segment per line.
 */
export class OffsetMap {
  constructor(
    /** Inner offset where each segment starts, strictly increasing. */
    private readonly starts: Int32Array,
    /** Relative source offset of each segment's first character. */
    private readonly sources: Int32Array,
    /** 1 when the segment copies source characters one for one, 0 when all map to one place. */
    private readonly identity: Uint8Array,
    /** Length of the decoded string. */
    readonly length: number,
    /** Relative source offset just past the last decoded character. */
    private readonly endSource: number,
    /** Smallest and largest relative offsets the map may return: the scalar's own range. */
    private readonly min: number,
    private readonly max: number,
  ) {}

  /** Relative source offset of an inner offset; the end of the string maps past its last character. */
  toRelative(inner: number): number {
    if (!(inner >= 0)) inner = 0;
    let out: number;
    if (inner >= this.length || this.starts.length === 0) out = this.endSource;
    else {
      const i = this.segmentOf(inner);
      out = this.identity[i] ? this.sources[i] + (inner - this.starts[i]) : this.sources[i];
    }
    return out < this.min ? this.min : out > this.max ? this.max : out;
  }

  /**
   * Inner offset of a relative source offset, or undefined outside the decoded content. Source
   * characters that decode to nothing (indentation, quotes, the rest of an escape) give the next
   * decoded character, which is what a hover or a completion wants.
   */
  toInner(relative: number): number | undefined {
    if (relative < this.min || relative > this.max) return undefined;
    const n = this.starts.length;
    if (n === 0) return 0;
    let low = 0;
    let high = n - 1;
    if (relative < this.sources[0]) return 0;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.sources[mid] <= relative) low = mid;
      else high = mid - 1;
    }
    const segEnd = low + 1 < n ? this.starts[low + 1] : this.length;
    if (!this.identity[low]) return relative === this.sources[low] ? this.starts[low] : segEnd;
    const inner = this.starts[low] + (relative - this.sources[low]);
    return inner < segEnd ? inner : segEnd;
  }

  private segmentOf(inner: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= inner) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Builds a decoded string and its OffsetMap together, so they cannot drift apart. */
export class OffsetMapBuilder {
  private readonly pieces: string[] = [];
  private readonly starts: number[] = [];
  private readonly sources: number[] = [];
  private readonly identity: number[] = [];
  private length = 0;
  private endSource: number;

  /** `base` is the absolute offset that relative offsets count from. */
  constructor(private readonly base: number, contentStart: number) {
    this.endSource = contentStart - base;
  }

  /** Appends `text`, copied verbatim from absolute offset `from`. */
  copy(text: string, from: number): void {
    if (!text) return;
    const rel = from - this.base;
    const last = this.starts.length - 1;
    const contiguous = last >= 0 && this.identity[last] === 1 && this.sources[last] + (this.length - this.starts[last]) === rel;
    if (!contiguous) this.addSegment(rel, 1);
    this.pieces.push(text);
    this.length += text.length;
    this.endSource = rel + text.length;
  }

  /** Appends `text` (an escape's result, a folded line break) produced at absolute offset `at`. */
  emit(text: string, at: number, width = 1): void {
    if (!text) return;
    const rel = at - this.base;
    this.addSegment(rel, 0);
    this.pieces.push(text);
    this.length += text.length;
    this.endSource = rel + width;
  }

  finish(min: number, max: number): { value: string; map: OffsetMap } {
    const map = new OffsetMap(Int32Array.from(this.starts), Int32Array.from(this.sources), Uint8Array.from(this.identity), this.length, this.endSource, min - this.base, max - this.base);
    return { value: this.pieces.join(''), map };
  }

  private addSegment(rel: number, identity: number): void {
    this.starts.push(this.length);
    this.sources.push(rel);
    this.identity.push(identity);
  }
}

/** A map for when exact decoding failed: proportional, still inside the scalar. */
export function approximateMap(length: number, contentStart: number, contentEnd: number, base: number): OffsetMap {
  const span = Math.max(0, contentEnd - contentStart);
  const starts = new Int32Array(length);
  const sources = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    starts[i] = i;
    sources[i] = contentStart - base + Math.floor((i * span) / Math.max(1, length));
  }
  return new OffsetMap(starts, sources, new Uint8Array(length), length, contentEnd - base, contentStart - base, contentEnd - base);
}
