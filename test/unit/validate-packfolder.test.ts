// Pack folders shaped like pack-central's: each fixture folder's findings, exactly where pack authors would look for them.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packSiblings } from '../../server/src/cli/io';
import { fileKindOf } from '../../server/src/core/fileKind';
import { parsePackSchema, parsePackValues } from '../../server/src/core/parse/packFiles';
import { parseProfile } from '../../server/src/core/parse/profile';
import type { Problem } from '../../server/src/core/types';
import { validatePackFile, validateProfile, type PackFileKind } from '../../server/src/core/validate/index';

const root = join(__dirname, '../../../test/fixtures/packs');

interface Finding {
  file: string;
  code: string;
  severity: Problem['severity'];
  /** The text the finding covers. */
  covered: string;
  /** Where it starts, as line:column (1-based). */
  at: string;
  message: string;
}

/** Every finding of every pack file of a fixture folder, as the CLI's per-file validate reads them. */
function folderFindings(folder: string): Finding[] {
  const dir = join(root, folder);
  const out: Finding[] = [];
  for (const name of readdirSync(dir).sort()) {
    const kind = fileKindOf(name, true);
    if (kind === 'unknown' || kind === 'profile') continue;
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    for (const p of validatePackFile(kind as PackFileKind, text, packSiblings(file))) {
      const before = text.slice(0, p.start).split('\n');
      out.push({ file: name, code: p.code, severity: p.severity, covered: text.slice(p.start, p.end), at: `${before.length}:${before[before.length - 1].length + 1}`, message: p.message });
    }
  }
  return out;
}

const brief = (f: Finding) => [f.file, f.at, f.severity, f.code, f.covered];

describe('pack folders: pack-central shapes', () => {
  it('a composite image format and an IP range pass; a required value the pack leaves empty is a hint for the profile', () => {
    const findings = folderFindings('greeter-2.1.0');
    assert.deepEqual(findings.map(brief), [['values.yaml', '10:5', 'hint', 'required-in-profile', 'greeting']]);
    assert.equal(findings[0].message, 'manifests.greeter.greeting is required by schema.yaml but is empty: it must be set in the profile that uses this pack');
  });

  it('an empty presets.yaml (comments only) is valid', () => {
    assert.deepEqual(folderFindings('kv-policy-1.4.0'), []);
    assert.deepEqual(validatePackFile('pack-presets', ''), []);
  });

  it('pack.json breaking the CI: a dependency without type, a leading v, no logo or README, no images list', () => {
    const findings = folderFindings('edge-probe-v0.9.0');
    assert.deepEqual(findings.map(brief), [
      ['pack.json', '6:3', 'warning', 'pack-file-missing', '"name"'],
      ['pack.json', '6:3', 'warning', 'pack-file-missing', '"name"'],
      ['pack.json', '7:14', 'warning', 'pack-version-prefix', '"v0.9.0"'],
      // The dependency's first line: the object lacks the field.
      ['pack.json', '10:7', 'error', 'schema', '{'],
      ['values.yaml', '1:1', 'warning', 'pack-images', 'pack'],
    ]);
    const messages = findings.map((f) => f.message);
    assert.match(messages[0], /no logo\.png; pack-central's CI \(validator\/validate-packs\.sh, validate_logo\) requires one/);
    assert.match(messages[1], /no README\.md/);
    assert.match(messages[2], /write '0\.9\.0'/);
    assert.equal(messages[3], "Missing required field 'type' in constraints.dependencies[0]");
    assert.match(messages[4], /pack\.content\.images lists no images; .* layer addon/);
  });

  it('an images item without image, and a preset removing what another preset adds', () => {
    const findings = folderFindings('storage-mirror-1.0.0');
    assert.deepEqual(findings.map(brief), [
      ['presets.yaml', '16:9', 'info', 'preset-remove-unknown', 'charts.storage-mirror.lagLimt'],
      ['values.yaml', '5:9', 'warning', 'pack-images', 'imgae: registry.example.com/mirror/node:1.0.0'],
    ]);
    assert.match(findings[1].message, /pack\.content\.images\[1\] has no 'image' \(is 'imgae' meant to be 'image'\?\)/);
  });

  it('an os layer needs no images list', () => {
    assert.deepEqual(folderFindings('base-os-1.0.0'), []);
  });

  it('without a folder listing the file checks are skipped; without values.yaml the images finding goes on the layer', () => {
    const text = readFileSync(join(root, 'edge-probe-v0.9.0', 'pack.json'), 'utf8');
    assert.deepEqual(validatePackFile('pack-json', text).map((p) => p.code), ['pack-version-prefix', 'schema']);
    const problems = validatePackFile('pack-json', text, { folderFiles: ['pack.json', 'logo.png', 'README.md'] });
    const images = problems.find((p) => p.code === 'pack-images');
    assert.ok(images, JSON.stringify(problems));
    assert.equal(text.slice(images.start, images.end), '"addon"');
    assert.match(images.message, /no values\.yaml/);
  });
});

describe('pack folders: a profile that uses the pack', () => {
  const dir = join(root, 'greeter-2.1.0');
  const folder = { values: parsePackValues(readFileSync(join(dir, 'values.yaml'), 'utf8')).tree, constraints: parsePackSchema(readFileSync(join(dir, 'schema.yaml'), 'utf8')).constraints, version: '2.1.0' };
  const profile = (layer: string) => `metadata:\n  name: site\nspec:\n  version: 1.0.0\n  template:\n    cloudType: edge-native\n    type: add-on\n    packs:\n      - name: greeter\n        tag: 2.1.0\n        layer: addon\n${layer}`;
  const check = (text: string) => validateProfile(parseProfile(text), { packFolders: new Map([['greeter', folder]]) });

  it('a required value still empty is an error at the value', () => {
    const text = profile('        values: |-\n          manifests:\n            greeter:\n              greeting: ""\n              image: quay.io/example/greeter:2.1.0\n');
    const problems = check(text);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    const [p] = problems;
    assert.deepEqual([p.code, p.severity, text.slice(p.start, p.end)], ['constraint-required', 'error', 'greeting']);
    assert.equal(p.message, "manifests.greeter.greeting is required by pack greeter's schema.yaml but is empty");
  });

  it('a layer without values deploys the empty default: an error on the pack name', () => {
    const text = profile('');
    const problems = check(text);
    assert.deepEqual(problems.map((p) => [p.code, p.severity, text.slice(p.start, p.end)]), [['constraint-required', 'error', 'name']]);
    assert.match(problems[0].message, /manifests\.greeter\.greeting is required by pack greeter's schema\.yaml but is missing/);
  });

  it('a layer pinned to another version of the pack is not checked against this folder; a floating tag that covers it is', () => {
    const text = profile('        values: |-\n          manifests:\n            greeter:\n              greeting: ""\n');
    assert.deepEqual(check(text.replace('tag: 2.1.0', 'tag: 2.0.0')), []);
    assert.deepEqual(check(text.replace('tag: 2.1.0', 'tag: 2.1.x')).map((p) => p.code), ['constraint-required']);
  });

  it('a set value and a composite image that fits pass; one that does not fit is an error', () => {
    const good = profile('        values: |-\n          manifests:\n            greeter:\n              greeting: Welcome\n              image: registry.example.com/mirror/greeter:2.1.1\n');
    assert.deepEqual(check(good), []);
    const bad = good.replace('greeter:2.1.1', 'greeter:latest');
    const problems = check(bad);
    assert.deepEqual(problems.map((p) => [p.code, bad.slice(p.start, p.end)]), [['constraint-format', 'registry.example.com/mirror/greeter:latest']]);
  });
});

describe('pack folders: the CLI', () => {
  const cli = join(process.cwd(), 'dist', 'cli.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'validate', ...args], { encoding: 'utf8' });

  it('checks a profile against the pack folders named in the same run', () => {
    const profile = join(mkdtempSync(join(tmpdir(), 'pps-packs-')), 'site.profile.yaml');
    writeFileSync(profile, 'metadata:\n  name: site\nspec:\n  version: 1.0.0\n  template:\n    cloudType: edge-native\n    type: add-on\n    packs:\n      - name: greeter\n        tag: 2.1.0\n        layer: addon\n        values: |-\n          manifests:\n            greeter:\n              greeting: ""\n');
    const alone = run(profile);
    assert.equal(alone.status, 0, alone.stdout + alone.stderr);
    const withPack = run(profile, join(root, 'greeter-2.1.0', 'pack.json'), join(root, 'greeter-2.1.0', 'values.yaml'));
    assert.equal(withPack.status, 1, withPack.stdout + withPack.stderr);
    assert.ok(withPack.stdout.includes(`${profile}:15:15: error [constraint-required] manifests.greeter.greeting is required by pack greeter's schema.yaml but is empty`), withPack.stdout);
    assert.match(withPack.stdout, /values\.yaml:10:5: hint \[required-in-profile\]/);
  });
});
