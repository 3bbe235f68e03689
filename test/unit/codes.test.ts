// Every code the engine reports has a one-line summary and a README section that diagnostics link to.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { problemCodes } from '../../server/src/core/codes';
import { rules } from '../../server/src/core/plan/rules';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('problem codes', () => {
  it('each has a README heading that the diagnostic links resolve to', () => {
    const readme = readFileSync('README.md', 'utf8');
    const missing = Object.keys(problemCodes).filter((code) => !new RegExp(`^#### ${code}$`, 'm').test(readme));
    assert.deepEqual(missing, []);
  });

  it('every code literal the core emits is registered', () => {
    const found = new Set<string>();
    for (const file of sources(join('server', 'src', 'core'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bcode: '([a-z0-9-]+)'/g)) found.add(m[1]);
      for (const m of text.matchAll(/\b(?:finding|problem)\(\s*(?:[a-zA-Z.]+,\s*)*'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)) found.add(m[1]);
    }
    assert.ok(found.size > 10, `only ${found.size} codes found; the scan is broken`);
    assert.deepEqual([...found].filter((c) => !(c in problemCodes)), []);
  });
});

describe('upgrade impact rules', () => {
  it('each rule row is listed in the README table, in order', () => {
    const readme = readFileSync('README.md', 'utf8');
    const listed = [...readme.matchAll(/^\| `([a-z0-9][a-z0-9-]*)` \| /gm)].map((m) => m[1]);
    assert.deepEqual(listed, rules.map((r) => r.id));
  });
});
