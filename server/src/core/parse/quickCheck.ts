// Proves in one cheap pass that a values document is plain block YAML that `yaml` parses without errors or warnings, so its full parse can wait until something reads the tree.
import { COLON, DASH, HASH, SPACE, flow, indicators, isIn, maxKeyLength, nonStrings, plainKeyEnd, quoted, rest } from './quickScan';

/**
 * True only for texts in a conservative subset of YAML: block maps and sequences, plain keys that
 * can only be strings, quoted keys without escapes, unique keys, one-line scalars and one-line flow
 * collections, literal and folded block scalars without indentation indicators, comments, and for a
 * stream (`multi`) bare `---` lines between documents. For such texts `yaml` (strict, unique keys)
 * reports no error and no warning, and no alias can be involved. False means "not proven", never
 * "invalid": the caller parses fully then.
 */
export function provenClean(text: string, multi = false): boolean {
  // Tabs, carriage returns, other control characters, a byte-order mark and Unicode line breaks
  // all have rules of their own in YAML; leave them to the real parser.
  if (unusual.test(text)) return false;
  return new Checker(text, multi).run();
}

const unusual = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

interface Level {
  indent: number;
  seq: boolean;
  keys: Set<string>;
}

class Checker {
  private readonly stack: Level[] = [];
  /** Set by `key:` or `-` with nothing after it: the indentation a nested block must go beyond. */
  private opener: { parent: number; fromKey: boolean } | undefined;
  private pos = 0;

  constructor(
    private readonly text: string,
    /** A stream of documents (manifests): a bare `---` line starts the next one. */
    private readonly multi: boolean,
  ) {}

  run(): boolean {
    const { text } = this;
    while (this.pos < text.length) {
      const start = this.pos;
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      this.pos = end + 1;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i === end || text.charCodeAt(i) === HASH) continue;
      if (this.multi && end - start === 3 && text.startsWith('---', start)) {
        this.stack.length = 0;
        this.opener = undefined;
        continue;
      }
      if (!this.line(i - start, i, end)) return false;
    }
    return true;
  }

  /** One line with content, at `indent`, its content in [i, end). */
  private line(indent: number, i: number, end: number): boolean {
    const { text } = this;
    const dash = text.charCodeAt(i) === DASH && (i + 1 === end || text.charCodeAt(i + 1) === SPACE);
    const level = this.place(indent, dash);
    if (!level) return false;
    if (!dash) {
      const key = this.key(i, end);
      if (!key || level.keys.has(key.value)) return false;
      level.keys.add(key.value);
      return this.afterKey(key.next, end, indent);
    }
    let k = i + 1;
    while (k < end && text.charCodeAt(k) === SPACE) k++;
    if (k === end || text.charCodeAt(k) === HASH) {
      this.opener = { parent: indent, fromKey: false };
      return true;
    }
    if (text.charCodeAt(k) === DASH && (k + 1 === end || text.charCodeAt(k + 1) === SPACE)) return false;
    const key = this.key(k, end);
    if (!key) return this.value(k, end, indent);
    // A compact map in a sequence item: its keys line up with this first one.
    const column = k - (i - indent);
    this.stack.push({ indent: column, seq: false, keys: new Set([key.value]) });
    return this.afterKey(key.next, end, column);
  }

  /** Finds (or opens) the block the line belongs to; undefined when it fits none. */
  private place(indent: number, dash: boolean): Level | undefined {
    const { stack } = this;
    const opener = this.opener;
    this.opener = undefined;
    if (stack.length === 0) {
      if (indent !== 0) return undefined;
      stack.push({ indent, seq: dash, keys: new Set() });
      return stack[0];
    }
    if (opener && (indent > opener.parent || (opener.fromKey && dash && indent === opener.parent))) {
      const level = { indent, seq: dash, keys: new Set<string>() };
      stack.push(level);
      return level;
    }
    let top = stack[stack.length - 1];
    // A sequence may sit at its parent key's indentation; a key there closes it.
    while (top && (top.indent > indent || (top.indent === indent && top.seq && !dash && stack.length > 1))) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    return top && top.indent === indent && top.seq === dash ? top : undefined;
  }

  /** A key at `i` followed by `:` and a space or the line's end. */
  private key(i: number, end: number): { value: string; next: number } | undefined {
    const { text } = this;
    const c = text[i];
    if (c === '"' || c === "'") {
      const q = quoted(this.text, i, end);
      if (!q || q.next >= end || text.charCodeAt(q.next) !== COLON) return undefined;
      const next = q.next + 1;
      if (next < end && text.charCodeAt(next) !== SPACE) return undefined;
      return q.value.length > maxKeyLength ? undefined : { value: q.value, next };
    }
    const j = plainKeyEnd(text, i, end);
    if (j < 0 || text.charCodeAt(j) !== COLON || (j + 1 < end && text.charCodeAt(j + 1) !== SPACE)) return undefined;
    const value = text.slice(i, j);
    return nonStrings.has(value) ? undefined : { value, next: j + 1 };
  }

  /** After `key:`: nothing (a nested block or null follows), a comment, or a value. */
  private afterKey(next: number, end: number, mapIndent: number): boolean {
    let w = next;
    while (w < end && this.text.charCodeAt(w) === SPACE) w++;
    if (w === end || this.text.charCodeAt(w) === HASH) {
      this.opener = { parent: mapIndent, fromKey: true };
      return true;
    }
    return this.value(w, end, mapIndent);
  }

  /** A value starting at `w` of a node whose block sits at `parent`. */
  private value(w: number, end: number, parent: number): boolean {
    const { text } = this;
    const c = text[w];
    if (c === '"' || c === "'") {
      const q = quoted(this.text, w, end);
      return !!q && rest(this.text, q.next, end);
    }
    if (c === '|' || c === '>') return this.blockScalar(w + 1, end, parent);
    if (c === '{' || c === '[') {
      const after = flow(this.text, w, end);
      return after >= 0 && rest(this.text, after, end);
    }
    if (isIn(indicators, text.charCodeAt(w)) || c === '?' || c === ':' || (c === '-' && (w + 1 === end || text.charCodeAt(w + 1) === SPACE))) return false;
    // A plain scalar: up to a comment, without a `: ` or a final `:` that would make it a key.
    let stop = end;
    for (let j = w + 1; j < end; j++) {
      const ch = text.charCodeAt(j);
      if (ch === HASH && text.charCodeAt(j - 1) === SPACE) {
        stop = j;
        break;
      }
      if (ch === COLON && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) return false;
    }
    return stop > w;
  }

  /** `|`, `|-`, `|+`, `>`, `>-` or `>+` with its content lines, which must all go beyond `parent`. */
  private blockScalar(h: number, end: number, parent: number): boolean {
    const { text } = this;
    if (text[h] === '-' || text[h] === '+') h++;
    if (!rest(this.text, h, end)) return false;
    let content = -1;
    while (this.pos < text.length) {
      const start = this.pos;
      let lineEnd = text.indexOf('\n', start);
      if (lineEnd < 0) lineEnd = text.length;
      let i = start;
      while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
      const indent = i - start;
      if (i === lineEnd) {
        // Leading blank lines with spaces have rules of their own; later ones are content.
        if (content < 0 && indent > 0) return false;
      } else if (content < 0) {
        if (indent <= parent) return true;
        content = indent;
      } else if (indent < content) {
        return indent <= parent;
      }
      this.pos = lineEnd + 1;
    }
    return true;
  }
}
