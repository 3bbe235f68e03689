// Schema validation of profiles: friendly messages at exact ranges, in the outer file and inside embedded values.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/lines';
import { parseProfile } from '../../server/src/core/parse/profile';
import type { Problem } from '../../server/src/core/types';
import { validateProfile } from '../../server/src/core/validate/index';
import { caret } from './caret';

/** caret() with ¦ standing in for YAML's block indicator |, which the caret would otherwise find first. */
function marked(source: string): { text: string; offset: number } {
  const { text, offset } = caret(source);
  return { text: text.replace(/¦/g, '|'), offset };
}

function validate(text: string): Problem[] {
  return validateProfile(parseProfile(text));
}

/** The one problem of `code` starting at `offset`, whose range covers exactly `covered`. */
function at(problems: Problem[], text: string, offset: number, code: string, covered: string): Problem {
  const hit = problems.find((p) => p.start === offset && p.code === code);
  assert.ok(hit, `no ${code} at ${offset}; got ${JSON.stringify(problems.map((p) => [p.start, p.code, p.message]))}`);
  assert.equal(text.slice(hit.start, hit.end), covered);
  return hit;
}

function profile(packs: string, extra = ''): string {
  return `metadata:\n  name: demo\nspec:\n  version: 1.0.0\n  template:\n    cloudType: edge-native\n    type: cluster\n    packs:\n${packs}${extra}`;
}

describe('validate: profile schema', () => {
  it('reports an unknown layer on its value, listing the layers in stack order', () => {
    const { text, offset } = marked(profile('      - name: cni-calico\n        layer: |kernal\n        tag: 3.28.0\n'));
    const p = at(validate(text), text, offset, 'schema', 'kernal');
    assert.equal(p.message, "Unknown layer 'kernal': expected one of os, k8s, cni, csi, addon, kernel");
    assert.equal(p.severity, 'error');
  });

  it('reports a version that is not strict semver, quoted or not', () => {
    for (const version of ['1.2', '"1.2"', 'v1.2.3']) {
      const { text, offset } = marked(`metadata:\n  name: demo\nspec:\n  version: |${version}\n  template:\n    cloudType: aws\n    type: cluster\n    packs: []\n`);
      const p = at(validate(text), text, offset, 'schema', version);
      assert.equal(p.message, `spec.version '${version.replace(/"/g, '')}' is not strict semver (e.g. 1.2.0 or 1.2.0-rc.1)`);
    }
  });

  it('reports a missing required field on the key of the object that lacks it', () => {
    const { text, offset } = marked('|metadata:\n  description: no name\nspec:\n  template:\n    cloudType: aws\n    type: cluster\n    packs: []\n');
    assert.equal(at(validate(text), text, offset, 'schema', 'metadata').message, "Missing required field 'name' in metadata");
  });

  it('reports a pack item without a name on the item\'s first line', () => {
    const { text, offset } = marked(profile('      - |layer: addon\n        tag: 1.0.0\n'));
    assert.equal(at(validate(text), text, offset, 'schema', 'layer: addon').message, "Missing required field 'name' in spec.template.packs[0]");
  });

  it('reports an unknown key on the key, with a suggestion', () => {
    const { text, offset } = marked(profile('      - name: cni-calico\n        layer: cni\n        |tags: 3.28.0\n'));
    assert.equal(at(validate(text), text, offset, 'schema', 'tags').message, "Unknown key 'tags' in spec.template.packs[0] (did you mean 'tag'?)");
  });

  it('reports an unknown key inside a values: |- block on its own line and column', () => {
    const source = profile('      - name: edge-native-byoi\n        layer: os\n        values: ¦-\n          options:\n            system:\n              |url: oci://x\n');
    const { text, offset } = marked(source);
    const p = at(validate(text), text, offset, 'schema', 'url');
    assert.equal(p.message, "Unknown key 'url' in options.system (did you mean 'uri'?)");
    assert.deepEqual(new LineIndex(text).position(p.start), { line: 14, column: 15 });
  });

  it('warns of an unknown Kairos stage with a suggestion, in the OS and the Kubernetes layer (Kairos ignores it)', () => {
    for (const pack of ['edge-native-byoi', 'edge-k3s']) {
      const { text, offset } = marked(profile(`      - name: ${pack}\n        values: ¦-\n          stages:\n            |bootz:\n              - commands: [reboot]\n`));
      const p = at(validate(text), text, offset, 'kairos-unknown-key', 'bootz');
      assert.equal(p.severity, 'warning');
      assert.equal(p.message, "Unknown Kairos stage 'bootz' (did you mean 'boot'?); Kairos ignores it");
    }
  });

  it('takes the stages and sub-stages the Kairos docs list, and warns of a sub-stage Kairos does not have', () => {
    const stages = ['boot.after', 'initramfs.before', 'reconcile.after', 'kairos-install.after', 'after-install-chroot'].map((s) => `            ${s}:\n              - commands: [echo]\n`).join('');
    assert.deepEqual(validate(profile(`      - name: edge-native-byoi\n        layer: os\n        values: |-\n          stages:\n${stages}`)), []);
    const { text, offset } = marked(profile('      - name: edge-native-byoi\n        values: ¦-\n          stages:\n            |after-install.after:\n              - commands: [echo]\n'));
    assert.equal(at(validate(text), text, offset, 'kairos-unknown-key', 'after-install.after').severity, 'warning');
  });

  it('warns of an unknown step, file, directory or user field with a suggestion', () => {
    const cases: [string, string, string][] = [
      ['              - |comands: [echo]\n', 'comands', "Unknown Kairos step field 'comands' (did you mean 'commands'?); Kairos ignores it"],
      ['              - files:\n                  - path: /etc/a\n                    |ownr_string: root\n', 'ownr_string', "Unknown Kairos file field 'ownr_string' (did you mean 'owner_string'?); Kairos ignores it"],
      ['              - files:\n                  - path: /etc/a\n                    |permission: 0644\n', 'permission', "Unknown Kairos file field 'permission' (did you mean 'permissions'?); Kairos ignores it"],
      ['              - directories:\n                  - path: /var/a\n                    |permisions: 0755\n', 'permisions', "Unknown Kairos directory field 'permisions' (did you mean 'permissions'?); Kairos ignores it"],
      ['              - users:\n                  kairos:\n                    |homedr: /home/k\n', 'homedr', "Unknown Kairos user field 'homedr' (did you mean 'homedir'?); Kairos ignores it"],
    ];
    for (const [step, key, message] of cases) {
      const { text, offset } = marked(profile(`      - name: edge-native-byoi\n        values: ¦-\n          stages:\n            initramfs:\n${step}`));
      const p = at(validate(text), text, offset, 'kairos-unknown-key', key);
      assert.equal(p.severity, 'warning', key);
      assert.equal(p.message, message);
    }
  });

  it('accepts the owner spellings yip reads and the Kairos docs write, and the yip step fields', () => {
    const step = '              - name: s\n                only_service_manager: systemd\n                if_files:\n                  any: [/etc/a]\n                files:\n                  - path: /etc/a\n                    owner_string: root\n                  - path: /etc/b\n                    ownerstring: root\n                downloads:\n                  - path: /opt/x\n                    url: https://example.com/x\n                    timeout: 30\n                users:\n                  kairos:\n                    gecos: Kairos\n';
    assert.deepEqual(validate(profile(`      - name: edge-native-byoi\n        layer: os\n        values: |-\n          stages:\n            initramfs:\n${step}`)), []);
  });

  it('accepts options.system.uri written as a dotted key and nested', () => {
    const dotted = profile('      - name: edge-native-byoi\n        layer: os\n        values: |-\n          options:\n            system.uri: oci://x\n            system.registry: ttl.sh\n          stages:\n            network.after:\n              - commands: [echo up]\n');
    const nested = profile('      - name: edge-native-byoi\n        layer: os\n        values: |-\n          options:\n            system:\n              uri: oci://x\n              registry: ttl.sh\n');
    assert.deepEqual(validate(dotted), []);
    assert.deepEqual(validate(nested), []);
  });

  it('flags a misspelt dotted options.system key and a system.* key outside options', () => {
    const { text, offset } = marked(profile('      - name: edge-native-byoi\n        values: ¦-\n          options:\n            |system.urii: oci://x\n          system.uri: y\n'));
    const problems = validate(text);
    assert.match(at(problems, text, offset, 'schema', 'system.urii').message, /^'system\.urii' \(did you mean 'system\.uri'\?\): Unknown options\.system\.\* key/);
    const top = text.indexOf('system.uri: y');
    assert.match(at(problems, text, top, 'schema', 'system.uri').message, /belong under options/);
  });

  it('reduces an anyOf failure to one error with the alternatives and a suggestion', () => {
    const { text, offset } = marked(profile('      - name: edge-native-byoi\n        values: ¦-\n          options:\n            system.k8sDistribution: |k3z\n'));
    const problems = validate(text);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(at(problems, text, offset, 'schema', 'k3z').message, "options.system.k8sDistribution 'k3z' must be one of k3s, rke2, kubeadm, kubeadm-fips, nodeadm, canonical, or a template {{ ... }} (did you mean 'k3s'?)");
  });

  it('accepts a template where the schema allows one', () => {
    const text = profile('      - name: edge-k3s\n        values: |-\n          pack:\n            k8sHardening: "{{ .spectro.macro.hardening }}"\n');
    assert.deepEqual(validate(text), []);
  });

  it('checks an os layer as Edge OS only on an Edge profile, and leaves other packs alone', () => {
    const values = '        layer: os\n        values: |-\n          stages:\n            bootz: []\n';
    assert.equal(validate(profile(`      - name: my-byoos\n${values}`)).filter((p) => p.code === 'kairos-unknown-key').length, 1);
    assert.equal(validate(profile(`      - name: my-byoos\n${values}`).replace('edge-native', 'edge')).filter((p) => p.code === 'kairos-unknown-key').length, 1, 'the legacy edge cloud type is Edge too');
    assert.deepEqual(validate(profile(`      - name: my-byoos\n${values}`).replace('edge-native', 'aws')), []);
    assert.deepEqual(validate(profile('      - name: hello\n        layer: addon\n        values: |-\n          stages:\n            bootz: []\n')), []);
  });

  it('explains the if/then rule for required hidden variables', () => {
    const { text, offset } = marked(profile('      - name: hello\n', '  variables:\n    - |name: site\n      required: true\n      hidden: true\n'));
    const p = at(validate(text), text, offset, 'schema', 'name: site');
    assert.equal(p.message, "Missing required field 'defaultValue' in spec.variables[0]: A required hidden variable needs a non-empty default value.");
  });

  it('skips schema checks of a document with syntax errors (the syntax error is reported instead)', () => {
    const text = profile('      - name: edge-native-byoi\n        values: |-\n          stages:\n            bootz: [\n');
    assert.deepEqual(validate(text).filter((p) => p.code === 'schema'), []);
  });
});

describe('validate: the examples', () => {
  const root = path.join(process.cwd(), 'examples');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return fs.statSync(full).isDirectory() ? files(full) : [full];
    });
  const profiles = files(root).filter((f) => f.endsWith('.profile.yaml') || f.includes(`${path.sep}profiles${path.sep}`));

  it('has profiles to check', () => {
    assert.ok(profiles.length >= 5, profiles.join(', '));
  });

  it('every example profile validates without errors', () => {
    const errors: string[] = [];
    for (const file of profiles) {
      const text = fs.readFileSync(file, 'utf8');
      const model = parseProfile(text);
      const lines = new LineIndex(text);
      for (const p of [...model.problems, ...validateProfile(model)]) {
        if (p.severity === 'error') errors.push(`${path.relative(root, file)}:${lines.position(p.start).line} ${p.code} ${p.message}`);
      }
    }
    assert.deepEqual(errors, []);
  });
});

describe('validate: robustness', () => {
  it('never throws and keeps every range inside the document, on truncated and mangled profiles', () => {
    const example = fs.readFileSync(path.join(process.cwd(), 'examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');
    const variants: string[] = ['', '-', '[]', 'metadata: [', '{{', 'spec:\n  template:\n    packs:\n      - values: {a: 1}\n      - *x\n', 'a: &a [*a]\n'];
    for (let cut = 0; cut < example.length; cut += 97) variants.push(example.slice(0, cut));
    for (let i = 0; i < 40; i++) variants.push(example.replace(/: /g, (m, offset: number) => ((offset * 7 + i) % 13 === 0 ? ':' : m)));
    for (const text of variants) {
      const problems = validateProfile(parseProfile(text));
      for (const p of problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `${p.code} ${p.start}-${p.end} outside ${text.length}`);
    }
  });
});
