// The variable-unquoted quick fix: the value holding the variable becomes one single-quoted scalar, and the warning goes.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/actions/edits';
import { quoteVariableEdit } from '../../server/src/core/actions/quoteVariable';
import { parseProfile } from '../../server/src/core/parse/profile';
import { validateProfile } from '../../server/src/core/validate';
import { profileText } from './plan-fixtures';

const variables = "- name: host\n  format: string\n- name: port\n  format: string";
const parse = (text: string) => parseProfile(text, undefined, { cache: null });

/** Applies the fix to the first variable-unquoted warning of a profile whose one pack has `values`. */
function fix(values: string, manifest?: string) {
  const text = profileText({ packs: [{ name: 'app', layer: 'addon', values, manifests: manifest ? [{ name: 'm', content: manifest }] : undefined }], variables });
  const model = parse(text);
  const warning = validateProfile(model).find((p) => p.code === 'variable-unquoted');
  assert.ok(warning, 'no variable-unquoted warning');
  const edit = quoteVariableEdit(model, warning);
  if (!edit) return undefined;
  const after = parse(applyEdits(text, [edit]));
  return { edit, after, left: validateProfile(after).filter((p) => p.code === 'variable-unquoted') };
}

describe('actions: quote a profile variable', () => {
  it('quotes a bare template, which YAML would read as a flow mapping', () => {
    const out = fix('a: 1\nhost: {{.spectro.var.host}}\nb: 2');
    assert.ok(out);
    assert.equal(out.after.packs[0].values?.text, "a: 1\nhost: '{{.spectro.var.host}}'\nb: 2");
    assert.deepEqual(out.left, []);
  });

  it('offers nothing for a double-quoted variable, which the docs allow', () => {
    const text = profileText({ packs: [{ name: 'app', layer: 'addon', values: 'url: "http://{{ .spectro.var.host }}/a\\"b"' }], variables });
    assert.deepEqual(validateProfile(parse(text)).filter((p) => p.code === 'variable-unquoted'), []);
  });

  it("quotes a whole plain value around the template, doubling a ' inside", () => {
    const out = fix("cmd: echo it's {{.spectro.var.port}} # note");
    assert.ok(out);
    assert.equal(out.after.packs[0].values?.text, "cmd: 'echo it''s {{.spectro.var.port}}' # note");
    assert.equal((out.after.packs[0].values?.doc?.toJS() as { cmd: string }).cmd, "echo it's {{.spectro.var.port}}");
  });

  it('quotes list items and values in a manifest', () => {
    const item = fix('hosts:\n  - {{.spectro.var.host}}');
    assert.equal(item?.after.packs[0].values?.text, "hosts:\n  - '{{.spectro.var.host}}'");
    const manifest = fix('x: 1', 'kind: ConfigMap\n---\nkind: Secret\ndata:\n  host: {{.spectro.var.host}}');
    assert.ok(manifest);
    assert.equal(manifest.after.packs[0].manifests[0].content?.text, "kind: ConfigMap\n---\nkind: Secret\ndata:\n  host: '{{.spectro.var.host}}'");
    assert.deepEqual(manifest.left, []);
  });

  it('edits only the value, inside the block, at outer offsets', () => {
    const out = fix('host: {{.spectro.var.host}}');
    assert.ok(out);
    assert.equal(out.edit.newText, "'{{.spectro.var.host}}'");
    assert.equal(out.edit.end - out.edit.start, '{{.spectro.var.host}}'.length);
  });

  it('leaves a template inside a block scalar alone, where quotes would become text', () => {
    assert.equal(fix('script: |\n  echo {{.spectro.var.host}}'), undefined);
  });

  it('writes into a double-quoted outer string, but not a single-quoted one, which would need its quotes doubled', () => {
    const outer = (values: string) => {
      const text = profileText({ packs: [{ name: 'app', layer: 'addon', values: 'x: 1' }], variables }).replace('values: |-\n          x: 1', `values: ${values}`);
      const model = parse(text);
      const warning = validateProfile(model).find((p) => p.code === 'variable-unquoted');
      assert.ok(warning, values);
      const edit = quoteVariableEdit(model, warning);
      return edit && parse(applyEdits(text, [edit])).packs[0].values?.text;
    };
    assert.equal(outer('"host: {{.spectro.var.host}}"'), "host: '{{.spectro.var.host}}'");
    assert.equal(outer("'host: {{.spectro.var.host}}'"), undefined);
  });
});
