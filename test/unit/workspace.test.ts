// Which file changes the server's workspace index cares about, and how it lists pack versions.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../server/src/workspace';

describe('workspace index', () => {
  const root = join(tmpdir(), 'palette-ws-fixed');
  const index = new WorkspaceIndex(() => [root], () => '.palette');
  const uri = (...parts: string[]) => pathToFileURL(join(root, ...parts)).toString();

  it('reads profiles, pack files and anything in the store, not other YAML or JSON', () => {
    assert.equal(index.reads(uri('a', 'edge.profile.yaml')), true);
    assert.equal(index.reads(uri('packs', 'p', 'values.yaml')), true);
    assert.equal(index.reads(uri('packs', 'p', 'pack.json')), true);
    assert.equal(index.reads(uri('.palette', 'clusters', 'store-042.yaml')), true);
    assert.equal(index.reads(uri('package.json')), false);
    assert.equal(index.reads(uri('.github', 'workflows', 'ci.yaml')), false);
    assert.equal(index.reads('untitled:Untitled-1'), false);
  });

  it('lists pack folders by name, newest version first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palette-ws-'));
    try {
      for (const version of ['1.2.0', '1.10.0', 'dev']) {
        mkdirSync(join(dir, `p-${version}`));
        writeFileSync(join(dir, `p-${version}`, 'pack.json'), JSON.stringify({ name: 'p', version }));
      }
      const packs = await new WorkspaceIndex(() => [dir], () => '.palette').packs();
      assert.deepEqual(packs.map((p) => p.version), ['1.10.0', '1.2.0', 'dev']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
