// The core stays pure: the CLI, the server and the tests share it only while it imports no editor, protocol or file system.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('server/src/core', () => {
  it('imports no vscode, LSP, or node file system and process modules', () => {
    const forbidden = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|vscode-jsonrpc.*|(node:)?(fs|fs\/promises|child_process|net|http|https))$/;
    const offenders: string[] = [];
    const files = sources(join('server', 'src', 'core'));
    assert.ok(files.length > 20, `only ${files.length} core files found`);
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\(\s*|import\(\s*)'([^']+)'/g)) {
        if (forbidden.test(m[1])) offenders.push(`${file}: ${m[1]}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
