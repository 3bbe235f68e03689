// Applying a new version through the Palette API carries the cluster's overrides over (appliedText leaves them out, as the Backend contract says).
import * as assert from 'node:assert/strict';
import { executeApply, prepareApply } from '../../server/src/backend/flows';
import { finish, profileYaml, world, type World } from './palette-api-support';

describe('palette api: overrides through apply', () => {
  let w: World | undefined;
  afterEach(async () => {
    await finish(w);
    w = undefined;
  });

  it('appliedText holds the version\'s values for an overridden pack, so the flows carry the override to 1.1.0', async () => {
    w = await world();
    const backend = w.backend();
    assert.match(await backend.appliedText('store-042'), /replicas: 2/);
    await backend.publish(profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-1.31'));
    const prep = await prepareApply(backend, 'store-042', { name: 'edge-retail', version: '1.1.0' });
    assert.match(prep.overrides['hello-universe'] ?? '', /replicas: 3/);
    await executeApply(backend, prep, { approveRepave: true });
    const after = await backend.readCluster('store-042');
    assert.equal(after.profile?.version, '1.1.0');
    assert.match(after.overrides['hello-universe'] ?? '', /replicas: 3/);
  });
});
