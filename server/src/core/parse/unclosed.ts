// Places an unclosed flow collection or quote's error where it opens: yaml notices it a line later, where nothing is wrong.
import { isCollection, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { Span } from '../types';

interface Opener {
  kind: 'seq' | 'map' | 'double' | 'single';
  start: number;
  end: number;
}

const closers: Record<Opener['kind'], string> = { seq: ']', map: '}', double: '"', single: "'" };

/** The kind of opener an error message is about, when it is one of those yaml reports late. */
function kindOf(message: string): Opener['kind'] | undefined {
  if (message.startsWith('Flow sequence')) return 'seq';
  if (message.startsWith('Flow map')) return 'map';
  if (message.startsWith('Missing closing "quote')) return 'double';
  if (message.startsWith("Missing closing 'quote")) return 'single';
  return undefined;
}

/**
 * For each error about an unclosed `[`, `{` or quote, the span of the opener it is about, with a
 * message that says so; undefined where the error is not of that kind or its opener is closed.
 */
export function openerSpans(doc: Document, text: string, errors: readonly { pos: [number, number]; message: string }[]): ({ span: Span; message: string } | undefined)[] {
  const kinds = errors.map((e) => kindOf(e.message));
  if (kinds.every((k) => k === undefined)) return kinds.map(() => undefined);
  const openers: Opener[] = [];
  visit(doc, {
    Node(_key, node: Node) {
      const range = node.range;
      if (!range) return;
      if (isCollection(node) && node.flow) openers.push({ kind: isSeq(node) ? 'seq' : 'map', start: range[0], end: range[2] });
      else if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) openers.push({ kind: node.type === 'QUOTE_DOUBLE' ? 'double' : 'single', start: range[0], end: range[2] });
    },
  });
  const used = new Set<Opener>();
  return errors.map((e, i) => {
    const kind = kinds[i];
    if (!kind) return undefined;
    const at = e.pos[0];
    let best: Opener | undefined;
    for (const o of openers) {
      if (o.kind !== kind || used.has(o) || o.start >= at || o.end < at) continue;
      // A collection or quote that is closed is not what the error is about.
      const written = text.slice(o.start, o.end).trimEnd();
      if (written.length > 1 && written.endsWith(closers[kind])) continue;
      if (!best || o.start > best.start) best = o;
    }
    if (!best) return undefined;
    used.add(best);
    const opener = text[best.start];
    return { span: { start: best.start, end: best.start + 1 }, message: `${e.message.split('\n')[0].trim()}: the ${opener} here is not closed` };
  });
}
