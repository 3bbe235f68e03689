// The enum quick fix: the allowed values read out of each enum diagnostic, and the replacement that makes it go away.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/actions/edits';
import { enumChoices, enumEdit } from '../../server/src/core/actions/enumFix';
import { parsePackSchema } from '../../server/src/core/parse/packFiles';
import { parseProfile } from '../../server/src/core/parse/profile';
import { validatePackFile, validateProfile, type PackFolder } from '../../server/src/core/validate';
import type { Problem } from '../../server/src/core/types';
import { profileText, type ProfileSpec } from './plan-fixtures';

const parse = (text: string) => parseProfile(text, undefined, { cache: null });

/** The first problem of `code`, its choices, and the text after writing `pick` (default: the suggestion). */
function fixProfile(spec: ProfileSpec | string, code: string, pick?: string, folders?: ReadonlyMap<string, PackFolder>) {
  const text = typeof spec === 'string' ? spec : profileText(spec);
  const model = parse(text);
  const problem = validateProfile(model, { packFolders: folders }).find((p) => p.code === code && enumChoices(p.code, p.message, ''));
  assert.ok(problem, `no ${code} enum problem in ${JSON.stringify(validateProfile(model, { packFolders: folders }))}`);
  const current = text.slice(problem.start, problem.end).replace(/^(["'])(.*)\1$/, '$2');
  const choices = enumChoices(problem.code, problem.message, current);
  assert.ok(choices, problem.message);
  const value = pick ?? choices.suggested;
  assert.ok(value, `no suggestion in ${problem.message}`);
  const edit = enumEdit(text, model, problem, value);
  assert.ok(edit, 'no edit');
  const after = parse(applyEdits(text, [edit]));
  const same = (p: Problem) => p.code === code && p.message === problem.message;
  return { problem, choices, after, left: validateProfile(after, { packFolders: folders }).filter(same) };
}

describe('actions: fix an enum value', () => {
  it('offers every layer for an unknown one, suggesting the closest', () => {
    const out = fixProfile({ packs: [{ name: 'app', layer: 'adon', values: 'a: 1' }] }, 'schema');
    assert.deepEqual(out.choices.choices, ['os', 'k8s', 'cni', 'csi', 'addon', 'kernel']);
    assert.equal(out.choices.suggested, 'addon');
    assert.equal(out.after.packs[0].layer?.value, 'addon');
    assert.deepEqual(out.left, []);
  });

  it('reads the choices of an "or a template" value in Edge OS values, and writes inside the block', () => {
    const spec: ProfileSpec = { packs: [{ name: 'edge-native-byoi', layer: 'os', tag: '2.1.0', values: 'options:\n  system.k8sDistribution: "k3ss"\n  other: 1' }] };
    const out = fixProfile(spec, 'schema');
    assert.ok(out.choices.choices.includes('rke2'), out.problem.message);
    assert.ok(!out.choices.choices.some((c) => c.includes('template')), JSON.stringify(out.choices));
    assert.equal(out.choices.suggested, 'k3s');
    assert.equal(out.after.packs[0].values?.text, 'options:\n  system.k8sDistribution: "k3s"\n  other: 1');
    assert.deepEqual(out.left, []);
  });

  it('reads a list format of a pack schema.yaml', () => {
    const schema = parsePackSchema(`mode:\n  schema: '{{ format "\${list:[fast,slow,off]}" }}'\n`).constraints;
    const folders = new Map<string, PackFolder>([['app', { constraints: schema }]]);
    const out = fixProfile({ packs: [{ name: 'app', layer: 'addon', values: 'mode: fsat' }] }, 'constraint-format', undefined, folders);
    assert.deepEqual(out.choices.choices, ['fast', 'slow', 'off']);
    assert.equal(out.after.packs[0].values?.text, 'mode: fast');
    assert.deepEqual(out.left, []);
  });

  it('quotes a choice that plain YAML would read as something else', () => {
    const text = profileText({ packs: [{ name: 'app', layer: 'addon', values: 'a: 1' }] });
    const model = parse(text);
    const layer = model.packs[0].layer!;
    assert.equal(enumEdit(text, model, layer.span, 'yes: no')?.newText, "'yes: no'");
    assert.equal(enumEdit(text, model, layer.span, 'on')?.newText, "'on'");
    assert.equal(enumEdit(text, model, layer.span, 'csi')?.newText, 'csi');
  });

  it('fixes a pack file, in YAML and in JSON', () => {
    const json = '{\n  "name": "x",\n  "layer": "adon",\n  "version": "1.0.0"\n}';
    const problem = validatePackFile('pack-json', json).find((p) => p.code === 'schema' && /layer/.test(p.message));
    assert.ok(problem, JSON.stringify(validatePackFile('pack-json', json)));
    const edit = enumEdit(json, undefined, problem, 'addon', true);
    assert.ok(edit);
    assert.equal((JSON.parse(applyEdits(json, [edit])) as { layer: string }).layer, 'addon');
  });

  it('finds no choices in other schema problems', () => {
    assert.equal(enumChoices('schema', "Missing required field 'name' in spec.template.packs[0]", ''), undefined);
    assert.equal(enumChoices('constraint-format', 'x 5 is outside the range 1-3 (schema.yaml: format "${number:[1-3]}")', '5'), undefined);
  });
});
