// Folding of a profile or a pack file: the outer folds, the folds of each embedded document (kept while its text is unchanged), a cap.
import { isMap, isSeq, type Document } from 'yaml';
import type { EmbeddedYaml, InnerParse } from '../parse/embedded';
import type { ProfileModel } from '../parse/profile';
import { commentBlocks, commentDepth, FoldSet, lineIn, lineStarts, walk, type Fold } from './foldWalk';
import type { FoldLines, LineOf } from './types';

/** VS Code folds at most 5,000 regions by default; more would only cost time on both sides. */
export const maxFolds = 5000;

/** Nesting depth of the first key inside a pack's values (spec > template > packs > item > values). */
const valuesDepth = 5;

/** Folds in some text's own lines, with how to turn those lines into the document's. */
interface Source {
  folds: Fold[];
  base: number;
  line(own: number): number;
}

export function profileFolds(profile: ProfileModel, lineOf: LineOf, max = maxFolds): FoldLines[] {
  const outer = new FoldSet(profile.text, lineOf);
  walk(outer, profile.doc?.contents, 0);
  commentBlocks(outer);
  const sources: Source[] = [{ folds: outer.list(), base: 0, line: (l) => l }];
  for (const pack of profile.packs) {
    if (pack.values) sources.push(embeddedSource(pack.values, lineOf, valuesDepth));
    for (const manifest of pack.manifests) if (manifest.content) sources.push(embeddedSource(manifest.content, lineOf, valuesDepth + 2));
  }
  return select(sources, max);
}

export function packFileFolds(text: string, doc: Document | undefined, lineOf: LineOf, max = maxFolds): FoldLines[] {
  const folds = new FoldSet(text, lineOf);
  const root = doc?.contents;
  // pack.json's root object opens on its own line; a block map's root would swallow its first key's fold.
  if ((isMap(root) || isSeq(root)) && root.flow) folds.node(root, root, 0);
  walk(folds, root, 1);
  commentBlocks(folds);
  return select([{ folds: folds.list(), base: 0, line: (l) => l }], max);
}

interface InnerFolds {
  folds: Fold[];
  starts: Int32Array;
}

/** Keyed by the shared parse of an embedded text, so an unchanged values block is not walked again on the next keystroke. */
const memo = new WeakMap<InnerParse, InnerFolds>();

function innerFolds(inner: InnerParse): InnerFolds {
  const known = memo.get(inner);
  if (known) return known;
  const starts = lineStarts(inner.text);
  const set = new FoldSet(inner.text, (offset) => lineIn(starts, offset));
  const multi = inner.docs.length > 1;
  for (const doc of inner.docs) {
    // Each object of a multi-document manifest folds on its own, from its first line to its last.
    if (multi) set.node(doc.contents, doc.contents, 0);
    walk(set, doc.contents, multi ? 1 : 0);
  }
  const result = { folds: set.list(), starts };
  memo.set(inner, result);
  return result;
}

function embeddedSource(embedded: EmbeddedYaml, lineOf: LineOf, base: number): Source {
  const { folds, starts } = innerFolds(embedded.inner);
  const at = (own: number) => lineOf(embedded.toOuter(starts[own]));
  if (folds.length === 0 || embedded.style !== 'BLOCK_LITERAL' || !embedded.exact) return { folds, base, line: at };
  // A literal block keeps every line: one offset on the first and one on the last line prove the shift.
  let last = starts.length - 1;
  while (last > 0 && starts[last] >= embedded.text.length) last--;
  const first = at(0);
  return at(last) === first + last ? { folds, base, line: (own) => first + own } : { folds, base, line: at };
}

/** Keeps at most `max` folds, the outermost first, then converts only those to document lines. */
function select(sources: Source[], max: number): FoldLines[] {
  const depthOf = (source: Source, fold: Fold) => Math.min(source.base + fold.depth, commentDepth);
  const counts = new Int32Array(commentDepth + 1);
  let total = 0;
  for (const source of sources) for (const fold of source.folds) counts[depthOf(source, fold)]++, total++;
  let limit = commentDepth + 1;
  let room = 0;
  if (total > max) {
    let below = 0;
    for (let d = 0; d <= commentDepth; d++) {
      if (below + counts[d] > max) {
        limit = d;
        room = max - below;
        break;
      }
      below += counts[d];
    }
  }
  const out: FoldLines[] = [];
  for (const source of sources) {
    for (const fold of source.folds) {
      const depth = depthOf(source, fold);
      if (depth > limit || (depth === limit && room-- <= 0)) continue;
      const startLine = source.line(fold.startLine);
      const endLine = source.line(fold.endLine);
      if (endLine > startLine) out.push(fold.kind ? { startLine, endLine, kind: fold.kind } : { startLine, endLine });
    }
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  // Approximate positions (a folded or quoted string) may land two folds on one line; the widest stays.
  return out.filter((fold, i) => i === 0 || fold.startLine !== out[i - 1].startLine);
}
