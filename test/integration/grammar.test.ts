// Syntax colouring inside `values: |` blocks, tokenized with the grammars this VS Code really ships and ours as contributed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { extensionId } from './util';

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/** Every grammar the built-in YAML extension and ours contribute, by scope name, with our injections. */
function contributedGrammars(): { files: Map<string, string>; injections: Map<string, string[]> } {
  const files = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const id of ['vscode.yaml', extensionId]) {
    const extension = vscode.extensions.getExtension(id);
    assert.ok(extension, `${id} is not installed in this VS Code`);
    const grammars = (extension.packageJSON.contributes?.grammars ?? []) as GrammarContribution[];
    for (const grammar of grammars) {
      files.set(grammar.scopeName, path.join(extension.extensionPath, grammar.path));
      for (const target of grammar.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), grammar.scopeName]);
    }
  }
  return { files, injections };
}

async function paletteYamlGrammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const { files, injections } = contributedGrammars();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      const file = files.get(scope);
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope) => injections.get(scope),
  });
  const grammar = await registry.loadGrammar('source.palette-yaml');
  assert.ok(grammar, 'source.palette-yaml did not load');
  return grammar;
}

/** The scopes of the first token on `line` whose text is `word`. */
function scopesOf(grammar: textmate.IGrammar, lines: string[], lineIndex: number, word: string): string[] {
  let stack = textmate.INITIAL;
  for (let i = 0; i < lines.length; i++) {
    const result = grammar.tokenizeLine(lines[i], stack);
    stack = result.ruleStack;
    if (i !== lineIndex) continue;
    const token = result.tokens.find((t) => lines[i].slice(t.startIndex, t.endIndex).trim() === word);
    assert.ok(token, `no token '${word}' on line ${i + 1}: ${lines[i]}`);
    return token.scopes;
  }
  assert.fail(`line ${lineIndex + 1} is past the end`);
}

const profile = `metadata:
  name: colours
spec:
  template:
    packs:
      - name: edge-native-byoi
        values: |-
          options:
            system.repo: ubuntu # the base image
          stages:
            boot:
              - name: "Time settings"

      - name: hello-universe
        type: manifest
        manifests:
          - name: hello-universe
            content: |
              apiVersion: v1
        values: ""
`.split('\n');

describe('syntax colouring of embedded values', () => {
  let grammar: textmate.IGrammar;
  before(async () => {
    grammar = await paletteYamlGrammar();
  });

  it('colours keys and comments inside values: | as YAML, in an embedded YAML region', () => {
    const key = scopesOf(grammar, profile, 8, 'system.repo');
    assert.ok(key.includes('meta.embedded.block.yaml'), key.join(' '));
    assert.ok(key.some((s) => s.startsWith('entity.name.tag')), `a key, not block-string text: ${key.join(' ')}`);
    assert.ok(!key.some((s) => s.startsWith('string.unquoted.block')), key.join(' '));
    const comment = scopesOf(grammar, profile, 8, 'the base image');
    assert.ok(comment.some((s) => s.startsWith('comment')), comment.join(' '));
    const item = scopesOf(grammar, profile, 11, '-');
    assert.ok(item.includes('meta.embedded.block.yaml') && item.some((s) => s.includes('sequence.item')), item.join(' '));
  });

  it('ends the region at the next key of the profile, across a blank line, and colours manifest content too', () => {
    const outer = scopesOf(grammar, profile, 13, 'name');
    assert.ok(!outer.includes('meta.embedded.block.yaml'), `the next pack is outside the values: ${outer.join(' ')}`);
    assert.ok(outer.some((s) => s.startsWith('entity.name.tag')), outer.join(' '));
    const manifestKey = scopesOf(grammar, profile, 18, 'apiVersion');
    assert.ok(manifestKey.includes('meta.embedded.block.yaml') && manifestKey.some((s) => s.startsWith('entity.name.tag')), manifestKey.join(' '));
    const after = scopesOf(grammar, profile, 19, 'values');
    assert.ok(!after.includes('meta.embedded.block.yaml'), after.join(' '));
  });
});
