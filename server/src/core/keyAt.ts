// Finds the mapping key under an offset and its dotted path, for hovers and navigation.
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

export interface KeyAt {
  /** Path segments from the root: strings for keys, numbers for sequence items. */
  path: (string | number)[];
  keyStart: number;
  keyEnd: number;
  /** The value's JS form when it is a scalar, else its node type. */
  valueSummary: string;
}

/** Dotted form used everywhere in the product: `spec.template.packs[0].name`. */
export function dottedPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

export function keyAt(doc: Document.Parsed, offset: number): KeyAt | undefined {
  return search(doc.contents, offset, []);
}

function search(node: unknown, offset: number, path: (string | number)[]): KeyAt | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const keyName = isScalar(key) ? String(key.value) : undefined;
      if (key?.range && keyName !== undefined && offset >= key.range[0] && offset <= key.range[1]) {
        return { path: [...path, keyName], keyStart: key.range[0], keyEnd: key.range[1], valueSummary: summarize(pair.value) };
      }
      const value = pair.value as Node | null;
      if (value?.range && keyName !== undefined && offset >= value.range[0] && offset <= value.range[2]) {
        const inner = search(value, offset, [...path, keyName]);
        if (inner) return inner;
      }
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (item?.range && offset >= item.range[0] && offset <= item.range[2]) return search(item, offset, [...path, i]);
    }
  }
  return undefined;
}

function summarize(value: unknown): string {
  if (isScalar(value)) return JSON.stringify(value.value);
  if (isMap(value)) return 'mapping';
  if (isSeq(value)) return 'sequence';
  return 'empty';
}
