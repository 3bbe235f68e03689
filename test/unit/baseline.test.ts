// Picking the default baseline and reading a profile's name and version without a parse.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileHeader } from '../../server/src/core/baseline/header';
import { pickBaseline, versionsOf, type BaselineCandidate } from '../../server/src/core/baseline/pick';

const c = (source: BaselineCandidate['source'], name: string, version: string): BaselineCandidate => ({ source, name, version, location: `${source}/${name}/${version}` });

describe('baseline: profile header', () => {
  it('reads metadata.name and spec.version of the examples', () => {
    const text = readFileSync(join(process.cwd(), 'examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');
    assert.deepEqual(profileHeader(text), { name: 'edge-retail', version: '1.1.0' });
  });

  it('takes quoted values and ignores keys of the same name deeper down or in other sections', () => {
    const text = 'kind: x\nname: top\nspec:\n  template:\n    version: 9.9.9\n  version: "2.0.0" # next\nmetadata:\n  labels:\n    name: nope\n  name: \'demo\'\n';
    assert.deepEqual(profileHeader(text), { name: 'demo', version: '2.0.0' });
  });

  it('gives nothing for flow maps, block scalars or an empty text', () => {
    assert.deepEqual(profileHeader('metadata: {name: a}\nspec: {version: 1.0.0}\n'), {});
    assert.deepEqual(profileHeader('metadata:\n  name: |\n    a\n'), {});
    assert.deepEqual(profileHeader(''), {});
  });

  it('handles CRLF line ends', () => {
    assert.deepEqual(profileHeader('metadata:\r\n  name: crlf\r\nspec:\r\n  version: 1.2.3\r\n'), { name: 'crlf', version: '1.2.3' });
  });
});

describe('baseline: picking the default', () => {
  const all = [c('store', 'p', '1.0.0'), c('store', 'p', '1.2.0'), c('store', 'p', '2.0.0'), c('workspace', 'p', '1.3.0'), c('store', 'q', '1.0.0')];

  it('takes the newest store version strictly below the file, even when a workspace file is newer', () => {
    assert.equal(pickBaseline('p', '1.5.0', all)?.location, 'store/p/1.2.0');
    assert.equal(pickBaseline('p', '1.2.0', all)?.location, 'store/p/1.0.0');
  });

  it('falls back to workspace files when the store has nothing lower', () => {
    const onlyWorkspace = [c('workspace', 'p', '0.9.0'), c('store', 'p', '3.0.0')];
    assert.equal(pickBaseline('p', '1.0.0', onlyWorkspace)?.location, 'workspace/p/0.9.0');
  });

  it('finds nothing for the lowest version, an unknown name or no name, and never the file itself', () => {
    assert.equal(pickBaseline('p', '1.0.0', all), undefined);
    assert.equal(pickBaseline('zzz', '9.0.0', all), undefined);
    assert.equal(pickBaseline(undefined, '9.0.0', all), undefined);
    assert.equal(pickBaseline('p', '1.1.0', [c('workspace', 'p', '1.0.0')], 'workspace/p/1.0.0'), undefined);
  });

  it('compares a file without a semver version with the newest of its name', () => {
    assert.equal(pickBaseline('p', 'draft', all)?.location, 'store/p/2.0.0');
  });

  it('orders versions newest first, the store before a workspace file at the same version', () => {
    const list = versionsOf('p', [c('workspace', 'p', '1.0.0'), c('store', 'p', '1.0.0'), c('store', 'p', '1.1.0'), c('workspace', 'p', 'x')]);
    assert.deepEqual(list.map((x) => x.location), ['store/p/1.1.0', 'store/p/1.0.0', 'workspace/p/1.0.0', 'workspace/p/x']);
  });
});
