// Reusing the outer parse after an edit inside a block scalar: the model must equal a full parse of the new text, node for node.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { visit, type Document } from 'yaml';
import type { EmbeddedYaml } from '../../server/src/core/parse/embedded';
import type { Field } from '../../server/src/core/parse/fields';
import { parseProfile, type ProfileModel } from '../../server/src/core/parse/profile';
import { changedRegion, reparseDocument } from '../../server/src/core/parse/reparse';
import { parseYamlDoc } from '../../server/src/core/parse/yamlProblems';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import { generateProfile } from '../bench/generate';
import { random } from './random';

const limits = defaultSyntaxLimits;

function js(doc: Document | undefined): string {
  if (!doc) return '';
  // A `{{ x }}` key is a flow map; yaml would warn about stringifying it on every call.
  const level = doc.options.logLevel;
  doc.options.logLevel = 'error';
  try {
    return JSON.stringify(doc.toJS({ maxAliasCount: 1000 }));
  } catch (error) {
    return `throws ${String(error)}`;
  } finally {
    doc.options.logLevel = level;
  }
}

function ranges(doc: Document | undefined): unknown[] {
  const out: unknown[] = [];
  if (doc) visit(doc, { Node: (_key, node) => void out.push([node.constructor.name, node.range]) });
  return out;
}

function embedded(e: EmbeddedYaml | undefined): unknown {
  if (!e) return undefined;
  const n = e.text.length;
  return {
    text: e.text,
    at: [e.start, e.end, e.style, e.exact],
    problems: e.problems,
    docs: e.docs.map((d) => [js(d), ranges(d), d.errors.length]),
    outer: [0, 1, n >> 1, n].map(e.toOuter),
    inner: [e.start, e.end, (e.start + e.end) >> 1].map(e.toInner),
  };
}

/** Everything a consumer of the model can read, as plain data. */
function dump(model: ProfileModel): unknown {
  const field = (f: Field | undefined) => f && [f.value, f.type, f.span, f.keySpan];
  return {
    doc: [js(model.doc), ranges(model.doc), model.doc?.range, model.doc?.errors.length, model.doc?.warnings.length],
    fields: [model.name, model.description, model.version, model.cloudType, model.type, model.packsField].map(field),
    labels: model.labels && [model.labels.value, model.labels.span],
    packs: model.packs.map((p) => ({
      span: p.span,
      fields: [p.name, p.layer, p.type, p.tag, p.uid, p.registryUid, p.valuesField].map(field),
      values: embedded(p.values),
      manifests: p.manifests.map((m) => [m.index, m.span, field(m.name), field(m.contentField), embedded(m.content)]),
    })),
    variables: model.variables.map((v) => [v.span, field(v.name), field(v.format), field(v.defaultValue)]),
    problems: model.problems,
  };
}

/** Parses `after` from `before`'s model and afresh; both must agree. Returns whether the reuse applied. */
function check(before: string, after: string, what: string, previousToo = true): boolean {
  const previous = parseProfile(before, limits, { cache: null });
  const reused = previous.doc ? reparseDocument(previous.doc, before, after) !== undefined : false;
  const incremental = parseProfile(after, limits, { cache: null, previous });
  assert.deepEqual(dump(incremental), dump(parseProfile(after, limits, { cache: null })), what);
  // The earlier version's model is left as it was.
  if (previousToo) assert.deepEqual(dump(previous), dump(parseProfile(before, limits, { cache: null })), `${what}: previous model changed`);
  return reused;
}

const edge = readFileSync(join(process.cwd(), 'examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');

/** Offsets inside the content lines of each pack's values and manifests. */
function contentSpans(text: string): { start: number; end: number }[] {
  return parseProfile(text, limits, { cache: null }).packs.flatMap((p) =>
    [p.values, ...p.manifests.map((m) => m.content)].filter((e): e is EmbeddedYaml => !!e && e.style.startsWith('BLOCK')).map((e) => ({ start: text.indexOf('\n', e.start) + 1, end: e.end })),
  );
}

describe('reparse: a parse reused after an edit inside one scalar value', () => {
  it('finds the one changed region between two texts', () => {
    assert.equal(changedRegion('abc', 'abc'), undefined);
    assert.deepEqual(changedRegion('abcdef', 'abXYdef'), { start: 2, oldEnd: 3, newEnd: 4 });
    const long = 'a'.repeat(10_000);
    assert.deepEqual(changedRegion(long + 'b' + long, long + long), { start: 10_000, oldEnd: 10_001, newEnd: 10_000 });
    assert.deepEqual(changedRegion('x' + long, long), { start: 0, oldEnd: 1, newEnd: 0 });
  });

  it('reuses the parse for typing inside a value and shifts everything after it', () => {
    const at = edge.indexOf('harbor.retail');
    assert.ok(at > 0);
    assert.equal(check(edge, edge.slice(0, at) + 'my.' + edge.slice(at), 'typing'), true);
    assert.equal(check(edge, edge.slice(0, at) + edge.slice(at + 4), 'deleting'), true);
    const lineEnd = edge.indexOf('\n', at);
    assert.equal(check(edge, edge.slice(0, lineEnd) + '\n          extra: line' + edge.slice(lineEnd), 'a new line'), true);
    const tag = edge.indexOf('tag: 2.1.0') + 'tag: 2.1'.length;
    assert.equal(check(edge, edge.slice(0, tag) + '1' + edge.slice(tag), "a pack's tag"), true);
  });

  it('re-parses only the edited value inside a pack, sharing the rest of its values document', () => {
    const at = edge.indexOf('harbor.retail');
    const previous = parseProfile(edge, limits, { cache: null });
    const after = parseProfile(edge.slice(0, at) + 'my.' + edge.slice(at), limits, { cache: null, previous });
    const os = (m: ProfileModel) => m.packs[0].values!.doc!.contents as { items: unknown[] };
    // `pack:` comes before the edited `options:` entry: the very same node; `options` is a copy.
    assert.equal(os(after).items[0], os(previous).items[0]);
    assert.notEqual(os(after).items[1], os(previous).items[1]);
    assert.match(JSON.stringify(after.packs[0].values!.doc!.toJS()), /my\.harbor\.retail/);
  });

  it('falls back to a full parse when an edit could change the outer structure', () => {
    const at = edge.indexOf('harbor.retail');
    const lineStart = edge.lastIndexOf('\n', at) + 1;
    const dedented = edge.slice(0, lineStart) + edge.slice(lineStart).replace(/^ +/, '');
    assert.equal(check(edge, dedented, 'a line moved to column 0'), false);
    const header = edge.indexOf('values: |');
    assert.equal(check(edge, edge.slice(0, header) + 'values: >' + edge.slice(header + 'values: |'.length), 'the header'), false);
    // Under %YAML 1.1 `yes` is a boolean; parsed alone it would be a string.
    const v11 = '%YAML 1.1\n---\na: x\nb: 1\n';
    assert.equal(reparseDocument(parseYamlDoc(v11), v11, v11.replace('a: x', 'a: yes')), undefined);
    assert.ok(reparseDocument(parseYamlDoc('a: x\nb: 1\n'), 'a: x\nb: 1\n', 'a: yes\nb: 1\n'));
    const first = contentSpans(edge)[0];
    assert.equal(check(edge, edge.slice(0, first.end) + '\n' + edge.slice(first.end), 'a trailing blank line'), false);
  });

  it('agrees with yaml on any document whenever it reuses one, over 600 seeded edits', () => {
    const values = readFileSync(join(process.cwd(), 'examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');
    const inner = parseProfile(values, limits, { cache: null }).packs.map((p) => p.values?.text ?? '');
    const fragments = ['x', '1', ' ', ': ', ':', '#', ' # c', '"', "'", '\n', '\n  ', '- ', '{', '[', ']', ',', '&a ', '*a', '|', '>', '\t', '---', '%', '@', '!!str '];
    let reused = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const next = random(seed);
      const base = inner[seed % inner.length];
      const at = Math.floor(next() * base.length);
      const after = next() < 0.7 ? base.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + base.slice(at) : base.slice(0, at) + base.slice(at + 1 + Math.floor(next() * 6));
      const old = parseYamlDoc(base);
      const doc = reparseDocument(old, base, after);
      if (!doc) continue;
      reused++;
      const full = parseYamlDoc(after);
      assert.deepEqual([js(doc.doc), ranges(doc.doc), String(doc.doc)], [js(full), ranges(full), String(full)], `seed ${seed}`);
      assert.equal(full.errors.length + full.warnings.length, 0, `seed ${seed}: reused a parse for a text with errors`);
    }
    assert.ok(reused > 150, `reused ${reused} of 600`);
  });

  it('agrees with a full parse after 200 seeded edits inside block scalars', () => {
    const texts = [edge, generateProfile(300).text];
    const fragments = ['x', ' ', '  ', ':', ': ', '- ', '#', ' #', '\n', '\n  ', '\n            k: v', '\t', '"', "'", '{', '|', '\r\n', '{{ .spectro.pack.edge-k3s.x }}', '---', '\n---\n', '&a', '*a'];
    let reused = 0;
    let runs = 0;
    for (const base of texts) {
      const spans = contentSpans(base);
      for (let seed = 1; seed <= 100; seed++) {
        const next = random(seed);
        const span = spans[Math.floor(next() * spans.length)];
        const at = span.start + Math.floor(next() * (span.end - span.start));
        const kind = next();
        let after: string;
        if (kind < 0.6) after = base.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + base.slice(at);
        else if (kind < 0.85) after = base.slice(0, at) + base.slice(at + 1 + Math.floor(next() * 12));
        else {
          // Re-indent the line: deeper, shallower or to the block's edge.
          const lineStart = base.lastIndexOf('\n', at - 1) + 1;
          const spaces = /^ */.exec(base.slice(lineStart))![0].length;
          const to = Math.max(0, spaces + Math.floor(next() * 9) - 6);
          after = base.slice(0, lineStart) + ' '.repeat(to) + base.slice(lineStart + spaces);
        }
        if (check(base, after, `seed ${seed} on a ${base.length}-character profile`, seed % 10 === 0)) reused++;
        runs++;
      }
    }
    // Most edits inside content keep the structure; the check is worthless if none took the fast path.
    assert.ok(reused > runs / 2, `reused ${reused} of ${runs}`);
    assert.ok(reused < runs, 'some edits must need a full parse');
  });
});
