// The outline of a pack's own files: pack.json's top-level keys, nested keys of values, schema and presets files.
import { type Document } from 'yaml';
import type { FileKind } from '../types';
import { keySymbols } from './keys';
import { outerPlace } from './place';
import type { OutlineSymbol } from './types';

/** How deep each kind of file is listed: pack.json is flat metadata; a values file is read by its sections. */
const depthOf: Partial<Record<FileKind, number>> = { 'pack-json': 1, 'pack-values': 3, 'pack-schema': 2, 'pack-presets': 3, unknown: 3 };

export function packFileSymbols(kind: FileKind, text: string, doc: Document | undefined, maxSymbols = 5000): OutlineSymbol[] {
  const depth = depthOf[kind];
  if (!doc || !depth) return [];
  return keySymbols(doc.contents, outerPlace(text), depth, { left: maxSymbols });
}
