// The plan compares expanded YAML: aliases and merge keys are followed, an undefined alias is a syntax error at the alias.
import * as assert from 'node:assert/strict';
import type { ImpactedChange } from '../../server/src/core/plan/model';
import { expansionBudget } from '../../server/src/core/plan/expand';
import { planUpdate } from '../../server/src/core/plan/plan';
import { buildTree, type VNode } from '../../server/src/core/plan/tree';
import { parseYamlDoc } from '../../server/src/core/parse/yamlProblems';
import { parseProfile } from '../../server/src/core/parse/profile';
import { canvosUri, edgeStack, profileText } from './plan-fixtures';

/** `¦` marks the offset: `|` is YAML's block scalar indicator. */
function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('¦');
  assert.ok(offset >= 0, 'no caret marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

const os = (commands: string, step = 'commands: *cmds') =>
  ['options:', `  ${canvosUri}`, '  system.registry: ttl.sh', 'pack:', '  shared: &cmds', commands, 'stages:', '  boot:', '    - name: tz', `      ${step}`].join('\n');
const one = '    - timedatectl set-timezone UTC';
const other = '    - timedatectl set-timezone Europe/Paris';

function at(changes: ImpactedChange[], path: string): ImpactedChange {
  const found = changes.filter((c) => c.path === path);
  assert.equal(found.length, 1, `one change at ${path}: ${JSON.stringify(changes.map((c) => c.path))}`);
  return found[0];
}

describe('plan: anchors, aliases and merge keys', () => {
  it('an anchored list a boot stage uses through an alias changes: the stage changed (reboot)', () => {
    const plan = planUpdate(edgeStack({ os: os(one) }), edgeStack({ os: os(other) }));
    const stage = at(plan.changes, 'stages.boot[name=tz].commands[0]');
    assert.deepEqual([stage.impact, stage.rule, stage.after], ['reboot', 'edge-os-stages', 'timedatectl set-timezone Europe/Paris']);
    assert.equal(at(plan.changes, 'pack.shared[0]').impact, 'no-op');
    assert.equal(plan.impact, 'reboot');
  });

  it('the change is shown at the alias, where the stage uses the list', () => {
    const pending = edgeStack({ os: os(other) });
    const stage = at(planUpdate(edgeStack({ os: os(one) }), pending).changes, 'stages.boot[name=tz].commands[0]');
    assert.match(pending.text.slice(stage.pendingSpan!.start, stage.pendingSpan!.end), /^\*cmds$/);
  });

  it('on RKE2 the same change repaves (known issue)', () => {
    const k8s = 'cluster:\n  config: ""';
    const plan = planUpdate(edgeStack({ os: os(one), k8sName: 'edge-rke2', k8s }), edgeStack({ os: os(other), k8sName: 'edge-rke2', k8s }));
    assert.deepEqual([at(plan.changes, 'stages.boot[name=tz].commands[0]').impact, plan.impact], ['repave', 'repave']);
  });

  it('replacing an alias with its expansion is no change', () => {
    const expanded = os(one, 'commands:\n        - timedatectl set-timezone UTC');
    assert.deepEqual(planUpdate(edgeStack({ os: os(one) }), edgeStack({ os: expanded })).changes, []);
  });

  it('follows a merge key: a step built with <<: *step changes when the anchored step does', () => {
    const withMerge = (tz: string) =>
      ['options:', `  ${canvosUri}`, 'pack:', '  step: &step', '    commands:', `      - timedatectl set-timezone ${tz}`, 'stages:', '  boot:', '    - name: tz', '      <<: *step'].join('\n');
    const plan = planUpdate(edgeStack({ os: withMerge('UTC') }), edgeStack({ os: withMerge('CET') }));
    assert.equal(at(plan.changes, 'stages.boot[name=tz].commands[0]').impact, 'reboot');
    // Spelled out, the merged step is the same step.
    const spelled = withMerge('UTC').replace('      <<: *step', '      commands:\n        - timedatectl set-timezone UTC');
    assert.deepEqual(planUpdate(edgeStack({ os: withMerge('UTC') }), edgeStack({ os: spelled })).changes, []);
  });

  it('a key written beside a merge key wins over the merged one', () => {
    const withMerge = (own: string) =>
      ['options:', `  ${canvosUri}`, 'pack:', '  step: &step', '    commands: [a]', 'stages:', '  boot:', '    - name: tz', '      <<: *step', `      commands: [${own}]`].join('\n');
    assert.deepEqual(planUpdate(edgeStack({ os: withMerge('b') }), edgeStack({ os: withMerge('b') })).changes, []);
    const c = at(planUpdate(edgeStack({ os: withMerge('b') }), edgeStack({ os: withMerge('c') })).changes, 'stages.boot[name=tz].commands[0]');
    assert.deepEqual([c.before, c.after], ['b', 'c']);
  });

  it('an alias bomb in values stays bounded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const bomb = levels.join('\n');
    // Expanded directly, the tree stops at the budget.
    let started = Date.now();
    const count = (n: VNode): number => 1 + (n.kind === 'map' ? [...n.children.values()].reduce((a, c) => a + count(c), 0) : n.kind === 'seq' ? n.items.reduce((a, c) => a + (c ? count(c) : 0), 0) : 0);
    const nodes = count(buildTree(parseYamlDoc(bomb), true));
    assert.ok(nodes <= expansionBudget + 200, `${nodes} nodes`);
    assert.ok(Date.now() - started < 1000, `bounded: ${Date.now() - started} ms`);
    // In a profile the syntax check refuses it, so the pack is not checked at all.
    const stack = (addon: string) => parseProfile(profileText({ packs: [{ name: 'hello', layer: 'addon', tag: '1', values: addon }] }), undefined, { cache: null });
    const [current, pending] = [stack(bomb), stack(bomb.replace('[x,', '[y,'))];
    assert.ok(pending.problems.some((p) => p.code === 'embedded-yaml-alias-limit'));
    started = Date.now();
    const plan = planUpdate(current, pending);
    assert.ok(Date.now() - started < 1000, `bounded: ${Date.now() - started} ms`);
    assert.deepEqual(plan.unchecked, [{ layer: 'addon', pack: 'hello' }]);
  });
});

describe('an undefined alias', () => {
  it('is a yaml-syntax error at the alias in a profile', () => {
    const { text, offset } = caret('metadata:\n  name: ¦*nope\n');
    const model = parseProfile(text, undefined, { cache: null });
    const problem = model.problems.find((p) => p.code === 'yaml-syntax');
    assert.ok(problem, JSON.stringify(model.problems));
    assert.equal(problem.start, offset);
    assert.match(problem.message, /\*nope refers to no anchor/);
    assert.ok(!model.problems.some((p) => /too many alias/i.test(p.message)));
  });

  it('is an embedded-yaml-syntax error at the alias inside values', () => {
    const { text, offset } = caret(profileText({ packs: [{ name: 'p', layer: 'addon', values: 'a: 1\nb: ¦*missing' }] }));
    const model = parseProfile(text, undefined, { cache: null });
    const problem = model.problems.find((p) => p.code === 'embedded-yaml-syntax');
    assert.ok(problem, JSON.stringify(model.problems));
    assert.equal(problem.start, offset);
    assert.match(problem.message, /\*missing refers to no anchor/);
    assert.ok(!model.problems.some((p) => /too many alias/i.test(p.message)));
  });
});
