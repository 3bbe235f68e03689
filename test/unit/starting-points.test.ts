// The New Cluster Profile starting points are profiles the engine accepts whole: no error or warning, the cluster kind each claims.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';

const dir = join(__dirname, '..', '..', '..', 'media', 'templates');
const expected: Record<string, { cloudType: string; type: string; k8s?: string }> = {
  'edge-k3s.profile.yaml': { cloudType: 'edge-native', type: 'cluster', k8s: 'edge-k3s' },
  'edge-rke2.profile.yaml': { cloudType: 'edge-native', type: 'cluster', k8s: 'edge-rke2' },
  'edge-pxke.profile.yaml': { cloudType: 'edge-native', type: 'cluster', k8s: 'edge-k8s' },
  'aws-pxk.profile.yaml': { cloudType: 'aws', type: 'cluster', k8s: 'kubernetes' },
  'addon.profile.yaml': { cloudType: 'all', type: 'add-on' },
};

describe('New Cluster Profile starting points', () => {
  for (const [file, want] of Object.entries(expected)) {
    it(`${file} checks clean and is a ${want.type} profile for ${want.cloudType}`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const analysis = analyzeText('profile', text, { limits: defaultSyntaxLimits });
      assert.deepEqual(analysis.problems.map((p) => `${p.code}: ${p.message}`), []);
      assert.match(text, new RegExp(`cloudType: ${want.cloudType}\\n`));
      assert.match(text, new RegExp(`\\n    type: ${want.type}\\n`));
      if (want.k8s) assert.match(text, new RegExp(`- name: ${want.k8s}\\n\\s+type: spectro\\n\\s+layer: k8s`));
    });
  }
});
