// Symbols for the keys of any YAML (or JSON) node down to a depth: values, pack files, embedded documents.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { fieldAt, fieldOf } from '../parse/fields';
import { spanFrom, spanIn, shortText, type Place } from './place';
import { outlineSymbol, type OutlineKind, type OutlineSymbol } from './types';

/** How many more symbols a walk may add; huge values files stop growing the outline, not the editor. */
export interface Budget {
  left: number;
}

export function keySymbols(node: unknown, place: Place, depth: number, budget: Budget): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  if (depth <= 0) return out;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (budget.left <= 0) break;
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = pair.key;
      const span = spanFrom(place, key, pair.value);
      if (!span) continue;
      budget.left--;
      const value = pair.value;
      const children = isMap(value) || isSeq(value) ? keySymbols(value, place, depth - 1, budget) : [];
      out.push(outlineSymbol(String(key.source ?? key.value), kindOf(value), span, spanIn(place, key), children, detailOf(value)));
    }
  } else if (isSeq(node)) {
    // Only items that are maps carry structure worth listing; scalar items are values, not places.
    node.items.forEach((item, index) => {
      if (budget.left <= 0 || !isMap(item)) return;
      const span = spanIn(place, item);
      if (!span) return;
      budget.left--;
      const name = fieldAt(item, 'name');
      const named = name && (name.type === 'string' || name.type === 'number') && name.value.trim() !== '';
      const detail = named ? fieldAt(item, 'displayName')?.value : firstPair(item);
      const children = keySymbols(item, place, depth - 1, budget);
      out.push(outlineSymbol(named ? name.value : `[${index}]`, 'object', span, named ? spanIn(place, name.node) : undefined, children, detail && shortText(detail)));
    });
  }
  return out;
}

function kindOf(value: unknown): OutlineKind {
  return isMap(value) ? 'object' : isSeq(value) ? 'array' : 'property';
}

function detailOf(value: unknown): string | undefined {
  if (isAlias(value)) return `*${value.source}`;
  if (!isScalar(value)) return undefined;
  const text = fieldOf(value)?.value ?? '';
  // A block of text (a file, a script, a YAML string) reads best by its first line.
  const lines = text.split('\n', 3).filter((l) => l.trim() !== '');
  return lines.length > 1 ? `${shortText(lines[0])} …` : shortText(text);
}

/** `image: x` for an unnamed item, so a list of images reads as images in the outline. */
function firstPair(item: unknown): string | undefined {
  if (!isMap(item)) return undefined;
  const pair = item.items[0];
  if (!pair || !isScalar(pair.key)) return undefined;
  const value = isScalar(pair.value) ? fieldOf(pair.value)?.value : undefined;
  return value === undefined ? String(pair.key.value) : `${String(pair.key.value)}: ${value}`;
}
