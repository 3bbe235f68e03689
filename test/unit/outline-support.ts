// Shared by the outline tests: analysing files as the server does, and the invariants every outline and fold list must keep.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { fileKindOf } from '../../server/src/core/fileKind';
import { LineIndex } from '../../server/src/core/lines';
import { foldsOf, outlineOf, type FoldLines, type OutlineSymbol } from '../../server/src/core/outline';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import type { FileKind } from '../../server/src/core/types';

export const exampleFiles = [
  'edge-retail/edge-retail.profile.yaml',
  'edge-retail/edge-retail-1.0.0.profile.yaml',
  'edge-rke2/edge-rke2.profile.yaml',
  'edge-rke2/edge-rke2-1.0.0.profile.yaml',
  'aws-pxk/aws-web.profile.yaml',
  'packs/hello-universe/pack.json',
  'packs/hello-universe/values.yaml',
  'packs/hello-universe/schema.yaml',
  'packs/hello-universe/presets.yaml',
];

export function example(path: string): string {
  return readFileSync(join('examples', path), 'utf8');
}

export interface Outlined {
  text: string;
  symbols: OutlineSymbol[];
  folds: FoldLines[];
  /** 0-based line of an offset. */
  line(offset: number): number;
  /** 0-based line of the first line containing `needle` (after the `from`-th line). */
  lineOf(needle: string, from?: number): number;
}

export function outline(text: string, kind: FileKind = 'profile'): Outlined {
  const analysis = analyzeText(kind, text, { limits: defaultSyntaxLimits });
  const index = new LineIndex(text);
  const line = (offset: number) => index.position(offset).line - 1;
  const lines = text.split('\n');
  return {
    text,
    symbols: outlineOf(analysis, text),
    folds: foldsOf(analysis, text, line),
    line,
    lineOf(needle, from = 0) {
      const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
      assert.ok(i >= 0, `no line with ${needle}`);
      return i;
    },
  };
}

export function outlineExample(path: string): Outlined {
  return outline(example(path), fileKindOf(path, true));
}

/** Depth-first, parents before children. */
export function flatten(symbols: OutlineSymbol[]): OutlineSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children)]);
}

export function child(symbol: OutlineSymbol | undefined, name: string): OutlineSymbol {
  const found = symbol?.children.find((c) => c.name === name);
  assert.ok(found, `no child ${name} under ${symbol?.name}; has ${symbol?.children.map((c) => c.name).join(', ')}`);
  return found;
}

/** LSP requires the selection inside the range; an editor nests children inside their parent. */
export function assertSymbolInvariants(symbols: OutlineSymbol[], textLength: number, parent?: OutlineSymbol): void {
  for (const s of symbols) {
    assert.ok(s.name.trim().length > 0, 'a symbol without a name');
    assert.ok(s.span.start <= s.span.end && s.span.end <= textLength, `${s.name}: span ${JSON.stringify(s.span)} outside the text`);
    assert.ok(s.selection.start >= s.span.start && s.selection.end <= s.span.end && s.selection.start <= s.selection.end, `${s.name}: selection ${JSON.stringify(s.selection)} outside ${JSON.stringify(s.span)}`);
    if (parent) assert.ok(s.span.start >= parent.span.start && s.span.end <= parent.span.end, `${s.name} lies outside its parent ${parent.name}`);
    assertSymbolInvariants(s.children, textLength, s);
  }
}

/** Folds end after they start, one per start line, in order, and nest without crossing. */
export function assertFoldInvariants(folds: FoldLines[], lineCount: number): void {
  const open: FoldLines[] = [];
  folds.forEach((f, i) => {
    assert.ok(f.endLine > f.startLine, `fold ${JSON.stringify(f)} does not span lines`);
    assert.ok(f.startLine >= 0 && f.endLine < lineCount, `fold ${JSON.stringify(f)} outside ${lineCount} lines`);
    if (i > 0) assert.ok(f.startLine > folds[i - 1].startLine, `folds not sorted or duplicated at line ${f.startLine}`);
    while (open.length && open[open.length - 1].endLine < f.startLine) open.pop();
    const around = open[open.length - 1];
    if (around) assert.ok(f.endLine <= around.endLine, `fold ${JSON.stringify(f)} crosses ${JSON.stringify(around)}`);
    open.push(f);
  });
}
