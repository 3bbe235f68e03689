// The review as Markdown for a pull request, with all document text escaped; and the panel's impact filter.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseClusterRecord, type ClusterFile } from '../../server/src/core/cluster/record';
import { parseProfile } from '../../server/src/core/parse/profile';
import { buildReview } from '../../server/src/core/review/build';
import { filterReview } from '../../server/src/core/review/filter';
import { mdCode, mdText, reviewMarkdown } from '../../server/src/core/review/markdown';
import { edgeStack } from './plan-fixtures';

const examples = join(__dirname, '..', '..', '..', 'examples');
const read = (rel: string) => readFileSync(join(examples, rel), 'utf8');
const fresh = (text: string) => parseProfile(text, undefined, { cache: null });

/** Splits a line into code spans and the text between them, as CommonMark does: a backtick run closes at the next run of the same length. */
function outsideCode(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const run = /^`+/.exec(line.slice(i))?.[0];
    if (!run) {
      out += line[i++];
      continue;
    }
    let close = -1;
    for (let j = i + run.length; j < line.length; ) {
      const next = /^`+/.exec(line.slice(j))?.[0];
      if (next && next.length === run.length) {
        close = j;
        break;
      }
      j += next ? next.length : 1;
    }
    if (close < 0) {
      out += run;
      i += run.length;
    } else i = close + run.length;
  }
  return out;
}

/** Table cells of a row: split at pipes that are not escaped. */
const cells = (row: string) => row.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);

describe('review: Markdown for a pull request', () => {
  const current = fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml'));
  const pending = fresh(read('edge-retail/edge-retail.profile.yaml'));
  const cluster = parseClusterRecord(read('.palette/clusters/store-042.yaml')).cluster as ClusterFile;
  const model = buildReview({ currentVersion: current, pendingVersion: pending, cluster });
  const md = reviewMarkdown(model);

  it('opens with the target and the headline, then the counts', () => {
    const lines = md.split('\n');
    assert.equal(lines[0], '## Review: edge-retail 1.0.0 → 1.1.0 on store-042 (Edge K3s)');
    assert.equal(lines[2], `**${mdText(model.headline)}**`);
    assert.equal(lines[4], 'Changes: 1 repave, 1 reboot, 1 service restart, 6 add-on redeploy, 1 configuration reload, 2 no-op.');
  });

  it('has a table per pack with path, change, impact and reason, in profile order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    assert.deepEqual(headings, [
      '### Findings',
      '### Profile: no-op',
      '### `edge-native-byoi` (os): repave',
      '### `edge-k3s` (k8s): service restart',
      '### `hello-universe` (addon): add-on redeploy',
      "### Conflicts with the cluster's overrides",
      '### Overrides kept',
      '### Left behind on the cluster',
    ]);
    assert.ok(md.includes('| `options.system.registry` | `ttl.sh` → `harbor.retail.example.com/edge` | repave | options.system.registry changed and options.system.uri uses it, so the provider image changes |'));
    assert.ok(md.includes('| `hello-universe` | `manifests.hello-universe.replicas` | `1` | `3` | `2` | **unresolved** |'));
    assert.ok(md.includes('- `edge-k3s` `cluster.config.kubelet-arg`: `["read-only-port=0","event-qps=0","max-pods=150"]`'));
    const lines = md.split('\n');
    let width = 0;
    let rows = 0;
    lines.forEach((line, i) => {
      if (lines[i + 1]?.startsWith('| ---')) width = cells(line).length;
      else if (line.startsWith('| ') && !line.startsWith('| ---')) {
        rows++;
        assert.equal(cells(line).length, width, line);
      }
    });
    assert.equal(rows, 13);
  });

  it('escapes document text: HTML, pipes and backticks cannot break out of text or cells', () => {
    const evil = edgeStack({ version: '1.1.0', addon: 'manifests:\n  hello:\n    replicas: 1\n    banner: "<script>alert(1)</script> | `x` ``y``"\n    style: "</style><img src=x onerror=alert(1)>"' });
    const m = buildReview({ current: edgeStack(), pending: evil });
    const text = reviewMarkdown(m);
    const rows = text.split('\n').filter((l) => l.includes('manifests.hello.'));
    assert.equal(rows.length, 2);
    for (const row of rows) assert.equal(cells(row).length, 4, row);
    // Outside code spans no raw HTML survives; inside them CommonMark shows it as text.
    for (const line of text.split('\n')) assert.doesNotMatch(outsideCode(line), /<|>(?!\s)/, line);
    assert.ok(text.includes('``` <script>alert(1)</script> \\| `x` ``y`` ```'));
    const named = buildReview({ current: edgeStack(), pending: fresh(edgeStack({ version: '1.1.0' }).text.replace('name: test', 'name: "<b>shop</b>|x"')) });
    assert.ok(reviewMarkdown(named).startsWith('## Review: &lt;b&gt;shop&lt;/b&gt;\\|x'));
  });

  it('escapes each Markdown metacharacter in text, and fences code spans longer than any backtick run', () => {
    assert.equal(mdText('a|b <i>*x*</i> _y_ [l](u) `c` & \\ ~ #'), 'a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; \\_y\\_ \\[l\\](u) \\`c\\` &amp; \\\\ \\~ \\#');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x'), '`` `x ``');
    assert.equal(mdCode('a|b'), '`a\\|b`');
    assert.equal(mdCode('a|b', false), '`a|b`');
  });

  it('says when the review is blocked, and lists findings with their codes', () => {
    const blocked = reviewMarkdown(buildReview({ currentVersion: current, pendingVersion: pending, cluster: { ...cluster, status: 'Provisioning' } }));
    assert.match(blocked, /\n> \*\*Blocked:\*\* 1 error must be fixed first\.\n/);
    assert.match(blocked, /\n- \*\*error\*\* `cluster-provisioning`: Cluster store-042 is still Provisioning/);
    assert.doesNotMatch(md, /Blocked/);
  });
});

describe('review: impact filter', () => {
  const model = buildReview({ current: fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml')), pending: fresh(read('edge-retail/edge-retail.profile.yaml')) });

  it('keeps only changes of the chosen impacts, and only packs that still have some', () => {
    const f = filterReview(model, ['repave', 'reboot', 'service-restart']);
    assert.deepEqual(f.packs.map((p) => [p.pack, p.changes.map((c) => c.impact)]), [['edge-native-byoi', ['repave', 'reboot']], ['edge-k3s', ['service-restart']]]);
  });

  it('leaves counts, findings and the headline whole, and the model it was given untouched', () => {
    const f = filterReview(model, ['redeploy']);
    assert.deepEqual(f.counts, model.counts);
    assert.equal(f.headline, model.headline);
    assert.deepEqual(f.leftBehind, model.leftBehind);
    assert.equal(model.packs.length, 4);
    assert.equal(model.packs[1].changes.length, 4);
  });

  it('with no impact chosen, shows everything', () => {
    assert.equal(filterReview(model, []), model);
  });
});
