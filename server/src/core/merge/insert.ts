// Creates the missing part of a path in values text, spelling new keys the way their neighbours are spelt.
import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { itemIndex, keyParts, reach, type Step } from './locate';
import { applyEdit, insertItem, insertPair, replaceRoot } from './splice';
import { CannotPlace, edit, parsed, replaceCollection, replaceNode } from './textEdit';

/** Creates what is missing of `path`, following the spelling of neighbouring keys (`system.uri` next to `system.x`). */
export function insertAt(text: string, path: Step[], value: unknown, after?: string): string {
  const doc = parsed(text);
  if (doc.contents === null || (!isMap(doc.contents) && !isSeq(doc.contents) && (doc.contents as { value?: unknown }).value === null)) {
    return edit(text, replaceRoot(text, doc.contents, build(path, value)));
  }
  const place = reach(doc.contents as Node, path);
  if (!place) throw new CannotPlace('no place');
  if (place.kind === 'blocked') return replaceNode(text, doc, place.hit, build(place.rest, value));
  const { node, rest } = place;
  const js = node.toJS(doc) as Record<string, unknown> | unknown[];
  if (isSeq(node)) {
    const item = rest.length === 1 ? value : (build(rest, value) as unknown[])[0];
    let at = node.items.length - 1;
    if (rest.length === 1 && typeof rest[0] === 'object') {
      at = after === undefined ? -1 : itemIndex(node, { name: after });
      if (after !== undefined && at < 0) at = node.items.length - 1;
    }
    const cut = insertItem(text, node, item, at);
    if (cut) return applyEdit(text, cut);
    (js as unknown[]).splice(at + 1, 0, item);
    return replaceCollection(text, doc, place.at, js);
  }
  const { key, depth, anchor } = spell(node, rest);
  const built = build(rest.slice(depth), value);
  const cut = insertPair(text, node, key, built, anchor);
  if (cut) return applyEdit(text, cut);
  (js as Record<string, unknown>)[key] = built;
  return replaceCollection(text, doc, place.at, js);
}

function spell(map: YAMLMap, rest: Step[]): { key: string; depth: number; anchor?: Pair } {
  let strings = 0;
  while (strings < rest.length && typeof rest[strings] === 'string') strings++;
  let anchor: Pair | undefined;
  let depth = 1;
  for (const item of map.items) {
    const parts = keyParts(item as Pair);
    if (!parts || parts[0] !== rest[0]) continue;
    anchor = item as Pair;
    if (parts.length > 1) depth = Math.max(depth, Math.min(parts.length, strings));
  }
  return { key: rest.slice(0, depth).join('.'), depth, anchor };
}

/** The value to write at the first missing step so that `path` ends up holding `value`. */
function build(path: Step[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  if (typeof step === 'string') return { [step]: build(rest, value) };
  if (typeof step === 'number') return [build(rest, value)];
  const inner = build(rest, value);
  return [rest.length === 0 ? inner : { name: step.name, ...(inner as object) }];
}
