// Applying through a proxy that injects faults: each step recorded before the next, a lost answer read back, a half-done apply said as such and finished by a re-run, overrides intact.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeApply, prepareApply } from '../../server/src/backend/flows';
import { paletteScope } from '../../server/src/backend/history';
import { ApplyIncompleteError, type ApplyRecord } from '../../server/src/backend/types';
import { backendError } from './backend-errors';
import { profileYaml, project } from './palette-api-support';
import { addRepavingVersion, applyRequest, assertKeyStayedHome, assertNoOrphan, assertOverridesIntact, close, rig, type Rig } from './faults-support';

const profilesPatch = /^\/v1\/spectroclusters\/\w+\/profiles$/;
const repaveStatus = /\/repave\/status$/;
const approve = /\/repave\/approve$/;

describe('faults: apply', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await close(r);
    r = undefined;
  });

  const folder = (r: Rig) => join(r.historyDir, paletteScope(r.proxy.url, project));
  const history = (r: Rig): ApplyRecord[] => {
    const file = join(folder(r), 'store-042.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ApplyRecord) : [];
  };
  const pending = (r: Rig) => {
    const file = join(folder(r), 'store-042.pending.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { done: string; record: ApplyRecord }) : undefined;
  };
  const runs = (r: Rig) => r.w.fake.clusterNamed('store-042').profiles.map((p) => r.w.fake.profiles.get(p.uid)!.version);

  /** Applied whole: on 1.1.0, repave approved, overrides kept, one history line, no step record left, key at home. */
  function appliedWhole(r: Rig, record: ApplyRecord) {
    assert.deepEqual(runs(r), ['1.1.0']);
    assert.equal(r.w.fake.clusterNamed('store-042').repave?.state, 'Approved');
    assert.deepEqual([record.from?.version, record.to.version, record.repaveApproved, record.result], ['1.0.0', '1.1.0', true, 'applied']);
    assert.deepEqual(history(r), [record]);
    assert.equal(pending(r), undefined);
    assertOverridesIntact(r);
    assertNoOrphan(r);
    assertKeyStayedHome(r);
  }

  it('429 with Retry-After on the profiles PATCH: waits the time asked, then applies', async () => {
    r = await rig();
    addRepavingVersion(r);
    r.proxy.inject({ method: 'PATCH', path: profilesPatch, fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const record = await r.backend({ retryAfterCapMs: 30_000 }).apply(applyRequest());
    assert.deepEqual(r.delays, [1000]);
    assert.equal(record.message, undefined);
    appliedWhole(r, record);
  });

  for (const fault of [{ kind: 'status', status: 502 }, { kind: 'reset' }] as const) {
    it(`${fault.kind} after the profiles PATCH took effect: its retry finds the old profile gone, the cluster is read back as switched, the repave approved`, async () => {
      r = await rig();
      addRepavingVersion(r);
      r.proxy.inject({ method: 'PATCH', path: profilesPatch, fault: { ...fault, after: true } });
      const record = await r.backend().apply(applyRequest());
      const patches = r.w.fake.calls.filter((c) => c.method === 'PATCH' && profilesPatch.test(c.path));
      assert.deepEqual(patches.map((c) => c.status), [204, 400], 'the retry is refused: the profile it replaces is no longer attached');
      assert.match(record.message ?? '', /^Palette's answer to the profiles PATCH was lost \(.*is not attached.*\); reading store-042 back shows it runs edge-retail 1\.1\.0\.$/);
      appliedWhole(r, record);
    });
  }

  it('5xx on every profiles PATCH: not applied, the cluster still runs 1.0.0 with its overrides, no history, no step record', async () => {
    r = await rig();
    addRepavingVersion(r);
    r.proxy.inject({ method: 'PATCH', path: profilesPatch, times: 9, fault: { kind: 'status', status: 503 } });
    await backendError(r.backend().apply(applyRequest()), 'server', /cluster store-042|PATCH \/v1\/spectroclusters\/\w+\/profiles \(HTTP 503\) after 4 attempts/);
    assert.deepEqual(runs(r), ['1.0.0']);
    assert.deepEqual(history(r), []);
    assert.equal(pending(r), undefined);
    assertOverridesIntact(r);
    assertKeyStayedHome(r);
  });

  it('repave/status stalls after the switch: incomplete, said and journaled as such; a re-run approves it without a second PATCH', async () => {
    r = await rig();
    addRepavingVersion(r);
    r.proxy.inject({ method: 'GET', path: repaveStatus, fault: { kind: 'stall' } });
    const error = await backendError(r.backend({ timeoutMs: 400 }).apply(applyRequest()), 'incomplete');
    assert.ok(error instanceof ApplyIncompleteError && error.changed);
    assert.match(error.message, /^store-042 was switched to edge-retail 1\.1\.0, but its repave is not approved: repave\/status could not be read \(Palette did not answer GET .*repave\/status within 400 ms\.\)\. Run the same apply again with the repave approved to finish it\.$/);
    assert.deepEqual(runs(r), ['1.1.0']);
    assert.equal(r.w.fake.clusterNamed('store-042').repave?.state, 'Pending');
    const [journaled] = history(r);
    assert.deepEqual([history(r).length, journaled.to.version, journaled.repaveApproved, journaled.result], [1, '1.1.0', false, 'applied']);
    assert.match(journaled.message ?? '', /Switched to edge-retail 1\.1\.0, but its repave is not approved/);
    assert.equal(pending(r)?.done, 'switched');
    assertOverridesIntact(r);

    // The re-run: the plan is a no-op (the cluster runs 1.1.0), but the repave it left is seen and finished.
    const backend = r.backend();
    const prepared = await prepareApply(backend, 'store-042', { name: 'edge-retail', version: '1.1.0' });
    assert.deepEqual([prepared.plan.impact, prepared.repavePending], ['no-op', true]);
    const unapproved = await backendError(executeApply(backend, prepared, { approveRepave: false }), 'incomplete', /^store-042 already runs edge-retail 1\.1\.0 \(switched by the apply of .*\) and its repave is Pending approval in Palette; nothing was changed\./);
    assert.equal((unapproved as ApplyIncompleteError).changed, false);
    assert.equal(history(r).length, 1, 'nothing happened, nothing journaled');
    const mark = r.w.fake.calls.length;
    const record = await executeApply(backend, prepared, { approveRepave: true });
    assert.ok(!r.w.fake.calls.slice(mark).some((c) => c.method === 'PATCH' && profilesPatch.test(c.path)), 'no second switch');
    assert.equal(r.w.fake.clusterNamed('store-042').repave?.state, 'Approved');
    assert.match(record.message ?? '', /store-042 already ran edge-retail 1\.1\.0 \(switched by the apply of .*\) with its repave Pending; the apply was finished from there/);
    assert.deepEqual([record.from?.version, record.impact, record.repaveApproved], ['1.0.0', 'repave', true], 'the journal knows where it came from');
    assert.deepEqual(history(r).map((h) => h.repaveApproved), [false, true]);
    assert.equal(pending(r), undefined);
    assertOverridesIntact(r);
    assertKeyStayedHome(r);
  });

  it('the approval fails for good: incomplete with the repave Pending named; without a journal a re-run still finishes from Palette’s state', async () => {
    r = await rig();
    addRepavingVersion(r);
    r.proxy.inject({ method: 'PATCH', path: approve, times: 4, fault: { kind: 'reset' } });
    const backend = r.backend({ historyDir: undefined });
    const error = await backendError(backend.apply(applyRequest()), 'incomplete');
    assert.match(error.message, /^store-042 was switched to edge-retail 1\.1\.0, but its repave is Pending approval in Palette \(the approval failed: Could not reach Palette .*\)\. Run the same apply again/);
    assert.equal(r.w.fake.clusterNamed('store-042').repave?.state, 'Pending');
    const prepared = await prepareApply(backend, 'store-042', { name: 'edge-retail', version: '1.1.0' });
    const record = await executeApply(backend, prepared, { approveRepave: true });
    assert.match(record.message ?? '', /already ran edge-retail 1\.1\.0 with its repave Pending/);
    assert.equal(r.w.fake.clusterNamed('store-042').repave?.state, 'Approved');
    assertOverridesIntact(r);
    assertKeyStayedHome(r);
  });

  it('a repave left Pending on a version since updated in place: the PATCH still goes (it takes the update), then the approval', async () => {
    r = await rig();
    const backend = r.backend();
    await backend.updateInPlace({ name: 'edge-retail', version: '1.0.0' }, profileYaml('1.0.0', 'ttl.sh/ubuntu:k3s', 5));
    r.w.fake.clusterNamed('store-042').repave = { state: 'Pending', reasons: [] };
    const mark = r.w.fake.calls.length;
    const record = await backend.apply(applyRequest({ to: { name: 'edge-retail', version: '1.0.0' }, impact: 'redeploy' }));
    assert.ok(r.w.fake.calls.slice(mark).some((c) => c.method === 'PATCH' && profilesPatch.test(c.path)), 'the update is taken');
    assert.equal(r.w.fake.clusterNamed('store-042').profiles[0].revision, 2);
    assert.equal(r.w.fake.clusterNamed('store-042').repave?.state, 'Approved');
    assert.equal(record.message, undefined);
    assertOverridesIntact(r);
  });

  it('502 after the approval took effect: its retry finds nothing pending, repave/status shows it Approved', async () => {
    r = await rig();
    addRepavingVersion(r);
    r.proxy.inject({ method: 'PATCH', path: approve, fault: { kind: 'status', status: 502, after: true } });
    const record = await r.backend().apply(applyRequest());
    assert.match(record.message ?? '', /^Palette's answer to the repave approval was lost \(.*no repave is pending.*\); repave\/status shows it Approved\.$/);
    appliedWhole(r, record);
  });
});
