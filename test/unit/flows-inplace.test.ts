// Update in place, planned before anything is written: each cluster on the version, the impact of its pending update, and the revision it creates.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { prepareInPlace, versionLabel, withVersion } from '../../server/src/backend/flows';
import { LocalStoreBackend } from '../../server/src/backend/local';
import { changedSince, scratchStore, snapshot, workingProfile } from './backend-local-support';

const v110 = readFileSync(workingProfile, 'utf8');
const ref = { name: 'edge-retail', version: '1.0.0' };

describe('update in place: the plan before it is written', () => {
  it('plans each cluster on 1.0.0 against the new content, names revision 2, and writes nothing', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const before = snapshot(root);
    const prep = await prepareInPlace(backend, ref, withVersion(v110, '1.0.0'));
    assert.equal(prep.revision, 2);
    assert.deepEqual(prep.clusters.map((c) => [c.cluster, c.runs, c.summary?.impact, c.error]), [
      ['store-042', '1.0.0', 'repave', undefined],
      ['store-043', '1.0.0', 'repave', undefined],
    ]);
    assert.deepEqual(changedSince(before, root), []);
  });

  it('after one update the next creates revision 3, and clusters that have not applied the pending update still run 1.0.0', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const content = withVersion(v110, '1.0.0');
    await backend.updateInPlace(ref, content);
    const prep = await prepareInPlace(backend, ref, content.replace('SystemMaxUse=1G', 'SystemMaxUse=2G'));
    assert.equal(prep.revision, 3);
    assert.deepEqual(prep.clusters.map((c) => c.runs), ['1.0.0', '1.0.0']);
  });

  it('labels a revision the same way everywhere: none for the first, "(revision N)" after', () => {
    assert.equal(versionLabel('1.0.0', undefined), '1.0.0');
    assert.equal(versionLabel('1.0.0', 1), '1.0.0');
    assert.equal(versionLabel('1.0.0', 2), '1.0.0 (revision 2)');
  });
});
