// The review's headline: one sentence per impact and cluster kind, for a file being published and for a cluster being updated.
import * as assert from 'node:assert/strict';
import type { ClusterFile } from '../../server/src/core/cluster/record';
import type { ProfileModel } from '../../server/src/core/parse/profile';
import { buildReview } from '../../server/src/core/review/build';
import { defaultK8sValues, defaultOsValues, edgeStack, profile } from './plan-fixtures';

const base = edgeStack({ version: '1.0.0' });
const fileHeadline = (pending: ProfileModel, current: ProfileModel = base) => buildReview({ current, pending }).headline;
const store: ClusterFile = { name: 'store-007', cloudType: 'edge-native', kubernetesDistribution: 'k3s', status: 'Running', tags: [], overrides: {}, variables: {}, extra: {} };

describe('review: headline wording', () => {
  it('repave on Edge: all nodes, control plane first, because of the uri dependency', () => {
    assert.equal(
      fileHeadline(edgeStack({ version: '1.1.0', os: defaultOsValues.replace('system.registry: ttl.sh', 'system.registry: harbor.example.com') })),
      'Publishing 1.1.0 of test (from 1.0.0) will repave all nodes, control plane first, because options.system.registry changed and options.system.uri uses it, so the provider image changes',
    );
  });

  it('reboot on Edge: every node, because of the boot stage', () => {
    const h = fileHeadline(edgeStack({ version: '1.1.0', os: defaultOsValues.replace('set-timezone UTC', 'set-timezone America/Chicago') }));
    assert.match(h, /^Publishing 1\.1\.0 of test \(from 1\.0\.0\) will reboot every node, because OS stages\.boot/);
  });

  it('service restart: names the services of the layer that decides', () => {
    const h = fileHeadline(edgeStack({ version: '1.1.0', k8s: defaultK8sValues.replace('retention: 5', 'retention: 14') }));
    assert.equal(h, 'Publishing 1.1.0 of test (from 1.0.0) will restart the Kubernetes services on the nodes, because Kubernetes cluster.* changes restart the Kubernetes services');
    assert.match(fileHeadline(edgeStack({ version: '1.1.0', cni: 'manifests:\n  calico:\n    ipamType: host-local' })), /may restart the networking services on the nodes/);
  });

  it('configuration reload and add-on redeploy say the nodes are not rebooted or not touched', () => {
    const os = `${defaultOsValues}\n  reconcile:\n    - name: limits\n      commands:\n        - echo 1`;
    const h = fileHeadline(edgeStack({ version: '1.1.0', os: os.replace('echo 1', 'echo 2') }), edgeStack({ version: '1.0.0', os }));
    assert.match(h, /will reload the node configuration without a reboot, because OS stages\.reconcile changes are a configuration reload$/);
    assert.equal(fileHeadline(edgeStack({ version: '1.1.0', addon: 'manifests:\n  hello:\n    replicas: 2' })), 'Publishing 1.1.0 of test (from 1.0.0) may re-apply the add-on hello; nodes are not touched');
  });

  it('no-op: changes nothing on the nodes, saying so also when only metadata changed', () => {
    assert.equal(fileHeadline(edgeStack({ version: '1.0.0' })), 'Publishing 1.0.0 of test changes nothing on the nodes');
    assert.equal(fileHeadline(edgeStack({ version: '1.0.1' })), 'Publishing 1.0.1 of test (from 1.0.0) changes nothing on the nodes (1 change, none that reach the cluster)');
  });

  it('counts the other changes at the same impact', () => {
    const os = defaultOsValues.replace('system.registry: ttl.sh', 'system.registry: harbor.example.com').replace('system.repo: ubuntu', 'system.repo: opensuse');
    assert.match(fileHeadline(edgeStack({ version: '1.1.0', os })), /\(and 1 other change that repaves\)$/);
  });

  it('on a cluster: "Applying <version> to <cluster>", with the cluster kind from the record', () => {
    const pending = edgeStack({ version: '1.1.0', os: defaultOsValues.replace('set-timezone UTC', 'set-timezone America/Chicago') });
    const model = buildReview({ currentVersion: base, pendingVersion: pending, cluster: store });
    assert.match(model.headline, /^Applying 1\.1\.0 to store-007 will reboot every node, because/);
    assert.equal(model.target.clusterKind, 'Edge K3s');
    const noop = buildReview({ currentVersion: base, pendingVersion: edgeStack({ version: '1.0.1' }), cluster: store });
    assert.equal(noop.headline, 'Applying 1.0.1 to store-007 changes nothing on the nodes (1 change, none that reach the cluster)');
  });

  it('non-Edge: "may" for the possible repave, and the control plane only for control-plane configuration', () => {
    const aws = (version: string, k8s: string, tag = '1.30.5') =>
      profile({ version, cloudType: 'aws', packs: [{ name: 'ubuntu-aws', layer: 'os', tag: '22.04', values: 'a: 1' }, { name: 'kubernetes', layer: 'k8s', tag, values: k8s }] });
    const from = aws('1.0.0', 'kubeadmconfig:\n  apiServer:\n    extraArgs:\n      profiling: "false"');
    const controlPlane = buildReview({ current: from, pending: aws('1.1.0', 'kubeadmconfig:\n  apiServer:\n    extraArgs:\n      profiling: "true"') });
    assert.equal(controlPlane.target.clusterKind, 'non-Edge PXK');
    assert.equal(controlPlane.certainty, 'possible');
    assert.match(controlPlane.headline, /^Publishing 1\.1\.0 of test \(from 1\.0\.0\) may repave the control-plane nodes, because kubeadmconfig\.apiServer\.extraArgs\.profiling is control-plane configuration/);
    const version = buildReview({ current: from, pending: aws('1.1.0', 'kubeadmconfig:\n  apiServer:\n    extraArgs:\n      profiling: "false"', '1.31.2') });
    assert.match(version.headline, /may repave all nodes, control plane first, because a Kubernetes version change affects every node$/);
  });
});
