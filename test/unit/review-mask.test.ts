// Secrets in the review: password-like keys, `${password}` fields, isSensitive variables and Secret data never show in the model's strings.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackSchema } from '../../server/src/core/parse/packFiles';
import { parseProfile } from '../../server/src/core/parse/profile';
import { buildReview } from '../../server/src/core/review/build';
import { isSecretKey, Masker, masked } from '../../server/src/core/review/mask';
import { reviewMarkdown } from '../../server/src/core/review/markdown';
import type { ReviewModel } from '../../server/src/core/review/model';
import { defaultOsValues, edgeStack } from './plan-fixtures';

const examples = join(__dirname, '..', '..', '..', 'examples');
const original = readFileSync(join(examples, 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');
const fresh = (text: string) => parseProfile(text, undefined, { cache: null });
const changes = (m: ReviewModel) => m.packs.flatMap((p) => p.changes.map((c) => [p.pack, c.path, c.before, c.after]));

function swap(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `expected one ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
}

/** Every string the panel or the Markdown could show. */
const shown = (m: ReviewModel) => JSON.stringify(m) + reviewMarkdown(m);

describe('review: secrets masked', () => {
  it('knows secret key names by their last word, and leaves look-alikes alone', () => {
    for (const key of ['password', 'registryPassword', 'db_password', 'passwd', 'client_secret', 'clientSecret', 'bootstrapToken', 'apiKey', 'api-key', 'secretKey', 'privateKey', 'accessKey', 'encryption_key']) assert.equal(isSecretKey(key), true, key);
    for (const key of ['key', 'secretName', 'tokenTTL', 'ssh_authorized_keys', 'monkey', 'keyPath', 'passwordPolicy', 'user', 'hotkey']) assert.equal(isSecretKey(key), false, key);
  });

  it('masks a changed password in the values and in a subtree that appears whole', () => {
    const text = swap(original, "            password: '{{.spectro.var.registry_password}}'\n", '            password: hunter2\n');
    const m = buildReview({ current: fresh(original), pending: fresh(text) });
    assert.deepEqual(changes(m), [['edge-native-byoi', 'providerCredentials.password', masked, masked]]);
    const added = buildReview({ current: edgeStack(), pending: edgeStack({ os: `${defaultOsValues}\nproviderCredentials:\n  user: puller\n  password: hunter2\n  token: abc123` }) });
    assert.deepEqual(changes(added), [['edge-native-byoi', 'providerCredentials', undefined, `{"user":"puller","password":"${masked}","token":"${masked}"}`]]);
    assert.ok(!shown(added).includes('hunter2') && !shown(added).includes('abc123'));
  });

  it("masks an isSensitive variable's default value, keeping its other fields readable", () => {
    const withDefault = swap(original, '      isSensitive: true\n', '      isSensitive: true\n      defaultValue: s3cr3t-default\n');
    const m = buildReview({ current: fresh(original), pending: fresh(withDefault) });
    // The OS pack's providerCredentials.password uses the variable, so it is a (no-op) change too, masked as well.
    assert.deepEqual(changes(m), [['', 'variables.registry_password.defaultValue', undefined, masked], ['edge-native-byoi', 'providerCredentials.password', masked, masked]]);
    const site = swap(original, '      required: true\n', '      required: true\n      defaultValue: "042"\n');
    // The places that use site_id follow it (not secret, so shown as written); the default itself is not secret either.
    const siteChanges = changes(buildReview({ current: fresh(original), pending: fresh(site) }));
    assert.deepEqual(siteChanges[0], ['', 'variables.site_id.defaultValue', undefined, '"042"']);
    assert.deepEqual(siteChanges.slice(1).map((c) => c[3]), ['{{.spectro.var.site_id}}', '{{.spectro.var.site_id}}', '{{.spectro.var.site_id}}']);
    const noVars = original.slice(0, original.indexOf('  variables:\n'));
    const added = buildReview({ current: fresh(noVars), pending: fresh(withDefault) });
    const registry = added.packs[0].changes.find((c) => c.path === 'variables.registry_password');
    assert.ok(registry?.after?.includes('"displayName":"Registry password"'));
    // The summary is cut to one short line; in full, its default value is masked.
    const full = new Masker([fresh(withDefault)]).display({ name: 'registry_password', isSensitive: 'true', defaultValue: 's3cr3t-default' }, { pack: '', keyPath: ['variables', 'registry_password'] }, 1000);
    assert.equal(full, `{"name":"registry_password","isSensitive":"true","defaultValue":"${masked}"}`);
    assert.ok(!shown(added).includes('s3cr3t-default'));
  });

  it('masks the data of a Kubernetes Secret in a manifest, not its name', () => {
    const secret = "              ---\n              apiVersion: v1\n              kind: Secret\n              metadata:\n                name: hello-db\n                namespace: hello-universe\n              stringData:\n                url: postgres://app:pw123@db/hello\n";
    const text = swap(original, '                    nodePort: 30080\n', `                    nodePort: 30080\n${secret}`);
    const m = buildReview({ current: fresh(original), pending: fresh(text) });
    const row = m.packs.flatMap((p) => p.changes).find((c) => c.path.endsWith('[Secret/hello-universe/hello-db]'));
    assert.ok(row?.after?.includes('"name":"hello-db"'));
    assert.ok(row?.after?.includes(`"stringData":"${masked}"`));
    const changed = buildReview({ current: fresh(text), pending: fresh(text.replace('pw123', 'pw456')) });
    assert.deepEqual(changes(changed).map((r) => r.slice(2)), [[masked, masked]]);
    assert.ok(!shown(m).includes('pw123') && !shown(changed).includes('pw456'));
  });

  it('masks the value of an env item named like a secret, whether the value or the whole item changes', () => {
    const env = (value: string) => `                        env:\n                          - name: SITE_ID\n                            value: '{{.spectro.var.site_id}}'\n                          - name: DB_PASSWORD\n                            value: ${value}\n`;
    const before = swap(original, env('x').replace(/ {26}- name: DB_PASSWORD\n.*\n$/, ''), env('first-pw'));
    const m = buildReview({ current: fresh(before), pending: fresh(before.replace('first-pw', 'second-pw')) });
    assert.deepEqual(changes(m).map((r) => r.slice(1)), [['manifests.hello-universe[Deployment/hello-universe/hello-universe-deployment].spec.template.spec.containers[name=hello-universe].env[name=DB_PASSWORD].value', masked, masked]]);
    const added = buildReview({ current: fresh(original), pending: fresh(before) });
    const row = added.packs.flatMap((p) => p.changes)[0];
    assert.equal(row.after, `{"name":"DB_PASSWORD","value":"${masked}"}`);
    assert.ok(!shown(m).includes('first-pw') && !shown(added).includes('first-pw'));
  });

  it('masks values a pack schema formats as ${password}, and a literal ${password} placeholder', () => {
    const constraints = parsePackSchema(`manifests.hello-universe.adminCredential:\n  schema: '{{ format "\${password}" }}'\n`).constraints;
    const text = swap(original, '              replicas: 2\n        manifests:', '              replicas: 2\n              adminCredential: opensesame\n              greeting: ${password}\n        manifests:');
    const m = buildReview({ current: fresh(original), pending: fresh(text), constraints: { 'hello-universe': constraints } });
    assert.deepEqual(changes(m), [
      ['hello-universe', 'manifests.hello-universe.adminCredential', undefined, masked],
      ['hello-universe', 'manifests.hello-universe.greeting', undefined, masked],
    ]);
    const without = buildReview({ current: fresh(original), pending: fresh(text) });
    assert.equal(changes(without)[0][3], 'opensesame');
  });

  it("masks the cluster's overrides and conflicts on secrets", () => {
    const os = (password: string) => `${defaultOsValues}\nproviderCredentials:\n  user: puller\n  password: ${password}`;
    const cluster = { name: 'store-1', cloudType: 'edge-native', status: 'Running', tags: [], overrides: { 'edge-native-byoi': os('cluster-pw').replace('user: puller', 'user: store-1') }, variables: {}, extra: {} };
    const m = buildReview({ currentVersion: edgeStack({ os: os('old-pw') }), pendingVersion: edgeStack({ version: '1.1.0', os: os('new-pw') }), cluster });
    assert.deepEqual(m.conflicts.map((c) => [c.path, c.base, c.mine, c.theirs]), [['providerCredentials.password', masked, masked, masked]]);
    assert.deepEqual(m.kept.map((k) => [k.path, k.value]), [['providerCredentials.user', 'store-1']]);
    for (const secret of ['cluster-pw', 'old-pw', 'new-pw']) assert.ok(!shown(m).includes(secret), secret);
  });
});
