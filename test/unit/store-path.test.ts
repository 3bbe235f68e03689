// Where the local store may be: a workspace's store.path only inside the workspace, a user's anywhere.
import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import { resolveStorePath } from '../../client/src/backend/storePath';

const root = '/home/dev/site';
const resolve = (values: { user?: string; workspace?: string }, at: string | null = root) => resolveStorePath(at ?? undefined, values, posix);

describe('store path', () => {
  it('defaults to .palette in the workspace folder, and has none without a folder', () => {
    assert.deepEqual(resolve({}), { path: '/home/dev/site/.palette' });
    assert.deepEqual(resolve({}, null), {});
  });

  it('takes a workspace value that stays inside the workspace folder', () => {
    assert.deepEqual(resolve({ workspace: 'stores/main' }), { path: '/home/dev/site/stores/main' });
    assert.deepEqual(resolve({ workspace: 'a/../b' }), { path: '/home/dev/site/b' });
    assert.deepEqual(resolve({ workspace: '/home/dev/site/inner' }), { path: '/home/dev/site/inner' });
    assert.deepEqual(resolve({ workspace: '..store' }), { path: '/home/dev/site/..store' });
  });

  it('refuses a workspace value outside the workspace folder, even when the user set another', () => {
    for (const workspace of ['..', '../other', 'a/../../other', '/etc', '/home/dev/site-other', '/home/dev']) {
      const { path, error } = resolve({ workspace, user: '/srv/store' });
      assert.equal(path, undefined, workspace);
      assert.match(error ?? '', /points outside the workspace folder: .*set it in your user settings/, workspace);
    }
    assert.match(resolve({ workspace: 'x' }, null).error ?? '', /needs a workspace folder/);
  });

  it('takes a user value anywhere: absolute as given, relative against the workspace folder', () => {
    assert.deepEqual(resolve({ user: '/srv/palette-store' }), { path: '/srv/palette-store' });
    assert.deepEqual(resolve({ user: '/srv/palette-store' }, null), { path: '/srv/palette-store' });
    assert.deepEqual(resolve({ user: '../shared' }), { path: '/home/dev/shared' });
  });
});
