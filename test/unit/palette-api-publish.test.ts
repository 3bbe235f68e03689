// The Palette backend's profile flows against the fake Palette: publish (new name, new version by clone), conflicts, cleanup, in-place update, reads.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { finish, profileYaml, world, type World } from './palette-api-support';
import { backendError } from './backend-errors';

const examples = join(__dirname, '..', '..', '..', 'examples');


describe('palette api: profiles', () => {
  let w: World | undefined;
  afterEach(async () => {
    await finish(w);
    w = undefined;
  });

  it('publishes a new name with one create-and-publish call and reads it back unchanged', async () => {
    w = await world();
    const text = readFileSync(join(examples, 'edge-retail', 'edge-retail.profile.yaml'), 'utf8').replace(/name: edge-retail\n/, 'name: edge-kiosk\n');
    const info = await w.backend().publish(text);
    assert.equal(info.name, 'edge-kiosk');
    assert.equal(info.version, '1.1.0');
    assert.deepEqual(w.fake.sequence(), ['GET /v1/clusterprofiles/validate/name', 'POST /v1/dashboard/clusterprofiles', 'POST /v1/clusterprofiles']);
    assert.equal(w.fake.calls[2].query.publish, 'true');
    const stored = w.fake.profiles.get(info.uid!)!;
    assert.ok(stored.published, 'published, not a draft');
    const back = await w.backend().readVersion({ name: 'edge-kiosk', version: '1.1.0' });
    // The same profile as data: packs, values, manifests' contents, variables, labels, description.
    assert.deepEqual(parse(back), parse(text));
  });

  it('publishes a new version by cloning the newest one, then PUT, variables and publish, in that order', async () => {
    w = await world();
    const info = await w.backend().publish(profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-2', 4));
    const clone = w.fake.profileNamed('edge-retail', '1.1.0')!;
    assert.equal(info.uid, clone.uid);
    assert.deepEqual(w.fake.sequence({ [w.v100.uid]: '{v100}', [clone.uid]: '{new}' }), [
      'GET /v1/clusterprofiles/validate/name',
      'POST /v1/dashboard/clusterprofiles',
      'GET /v1/clusterprofiles/{v100}',
      'POST /v1/clusterprofiles/{v100}/clone',
      'PUT /v1/clusterprofiles/{new}',
      'PUT /v1/clusterprofiles/{new}/variables',
      'PATCH /v1/clusterprofiles/{new}/publish',
    ]);
    const cloneBody = w.fake.calls[3].body as { metadata: { name: string; version: string; target: { scope: string; projectUid: string } } };
    assert.deepEqual(cloneBody.metadata, { name: 'edge-retail', version: '1.1.0', target: { scope: 'project', projectUid: w.fake.projectUid } });
    assert.ok(clone.published && !clone.draft);
    assert.equal(clone.published.packs.find((p) => p.name === 'edge-native-byoi')!.values, 'options:\n  system.uri: ttl.sh/ubuntu:k3s-2\n');
    assert.equal(clone.published.cloudType, 'edge-native');
    const summary = await w.backend().listProfiles();
    assert.deepEqual(summary.map((p) => [p.name, p.versions.map((v) => v.version)]), [['edge-retail', ['1.1.0', '1.0.0']]]);
  });

  it('refuses a taken version with conflict and writes nothing', async () => {
    w = await world();
    const error = await backendError(w.backend().publish(profileYaml('1.0.0')));
    assert.equal(error.code, 'conflict');
    assert.match(error.message, /1\.0\.0 of edge-retail is taken/);
    // The dashboard read tells a published version from an unpublished copy an interrupted publish left.
    assert.deepEqual(w.fake.sequence(), ['GET /v1/clusterprofiles/validate/name', 'POST /v1/dashboard/clusterprofiles']);
  });

  it('deletes the clone when a step after it fails, and says where it failed', async () => {
    w = await world();
    w.fake.inject({ method: 'PATCH', path: /\/publish$/, status: 400, message: 'pack edge-k3s 1.30.5 is not in the registry' });
    const error = await backendError(w.backend().publish(profileYaml('1.1.0')));
    assert.equal(error.code, 'invalid');
    assert.match(error.message, /^Publishing edge-retail 1\.1\.0 failed at PATCH \/v1\/clusterprofiles\/\w+\/publish: .*not in the registry.*; the partial copy was deleted\.$/);
    assert.equal(w.fake.profileNamed('edge-retail', '1.1.0'), undefined);
    assert.equal(w.fake.calls.at(-1)!.method, 'DELETE');
    assert.deepEqual(
      (await w.backend().listProfiles())[0].versions.map((v) => v.version),
      ['1.0.0'],
    );
  });

  it('deletes the clone when the PUT exhausts its retries on 5xx', async () => {
    w = await world();
    w.fake.inject({ method: 'PUT', path: /^\/v1\/clusterprofiles\/\w+$/, status: 503, times: 10 });
    const error = await backendError(w.backend({ retries: 2 }).publish(profileYaml('1.1.0')));
    assert.equal(error.code, 'server');
    assert.match(error.message, /failed at PUT \/v1\/clusterprofiles\/\w+: .*HTTP 503.* after 3 attempts.*; the partial copy was deleted/);
    assert.equal(w.fake.calls.filter((c) => c.method === 'PUT').length, 3);
    assert.equal(w.fake.profileNamed('edge-retail', '1.1.0'), undefined);
  });

  it('refuses a new version that changes the cloud type before writing anything', async () => {
    w = await world();
    const error = await backendError(w.backend().publish(profileYaml('1.1.0').replace('cloudType: edge-native', 'cloudType: aws')));
    assert.equal(error.code, 'invalid');
    assert.ok(!w.fake.calls.some((c) => c.method !== 'GET' && c.path !== '/v1/dashboard/clusterprofiles'));
  });

  it('updates a version in place: PUT then publish, revision bumped, its clusters then show Updates Available', async () => {
    w = await world();
    const backend = w.backend();
    assert.equal((await backend.readCluster('store-043')).updatesAvailable, false);
    const info = await backend.updateInPlace({ name: 'edge-retail', version: '1.0.0' }, profileYaml('1.0.0', 'ttl.sh/ubuntu:k3s', 5));
    assert.equal(info.revision, 2);
    const writes = w.fake.sequence({ [w.v100.uid]: '{v100}' }).filter((c) => !c.startsWith('GET') && !c.startsWith('POST /v1/dashboard'));
    assert.deepEqual(writes, ['PUT /v1/clusterprofiles/{v100}', 'PUT /v1/clusterprofiles/{v100}/variables', 'PATCH /v1/clusterprofiles/{v100}/publish']);
    assert.equal(w.v100.published!.packs[2].values, 'manifests:\n  hello-universe:\n    replicas: 5\n');
    assert.equal((await backend.readCluster('store-043')).updatesAvailable, true);
    assert.equal((await backend.listProfiles())[0].versions[0].revision, 2);
    const mismatch = await backendError(backend.updateInPlace({ name: 'edge-retail', version: '1.0.0' }, profileYaml('1.0.1')));
    assert.equal(mismatch.code, 'invalid');
  });

  it('edits a version’s description and tags through the metadata PATCH', async () => {
    w = await world();
    await w.backend().updateMetadata({ name: 'edge-retail', version: '1.0.0' }, { description: 'Retail edge', tags: ['team:retail', 'edge'] });
    assert.deepEqual(w.v100.labels, { team: 'retail', edge: 'spectro__tag' });
    assert.equal(w.v100.annotations.description, 'Retail edge');
    const version = (await w.backend().listProfiles())[0].versions[0];
    assert.deepEqual(version.tags, ['team:retail', 'edge']);
    assert.equal(version.description, 'Retail edge');
  });

  it('lists over several pages, following listmeta.continue', async () => {
    w = await world();
    w.fake.pageSize = 2;
    for (let i = 1; i <= 6; i++) w.fake.addProfile({ name: `p-${i}`, version: '1.0.0', template: { cloudType: 'aws', type: 'add-on', packs: [] } });
    const names = (await w.backend().listProfiles()).map((p) => p.name).sort();
    assert.deepEqual(names, ['edge-retail', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']);
    const pages = w.fake.calls.filter((c) => c.path === '/v1/dashboard/clusterprofiles');
    assert.equal(pages.length, 4);
    assert.deepEqual(pages.map((c) => c.query.continue), [undefined, 'c-2', 'c-4', 'c-6']);
    assert.ok(pages.every((c) => c.query.limit === '50'));
  });

  it('reads a missing version as not-found naming it', async () => {
    w = await world();
    const error = await backendError(w.backend().readVersion({ name: 'edge-retail', version: '9.9.9' }));
    assert.equal(error.code, 'not-found');
    assert.match(error.message, /edge-retail 9\.9\.9/);
    const byUid = await backendError(w.backend().readVersion({ name: 'edge-retail', version: '1.0.0', uid: 'cp-gone' }));
    assert.equal(byUid.code, 'not-found');
    assert.match(byUid.message, /cluster profile edge-retail 1\.0\.0 \(HTTP 404\)/);
  });
});
