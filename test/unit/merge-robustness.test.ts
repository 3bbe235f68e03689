// Random overrides on the example packs: the merge never throws, writes every change faithfully, and is stable.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseProfile } from '../../server/src/core/parse/profile';
import { mergeValues } from '../../server/src/core/merge/overrides';

const examples = join(__dirname, '..', '..', '..', 'examples');
const pairs: [string, string][] = [
  ['edge-retail/edge-retail-1.0.0.profile.yaml', 'edge-retail/edge-retail.profile.yaml'],
  ['edge-rke2/edge-rke2-1.0.0.profile.yaml', 'edge-rke2/edge-rke2.profile.yaml'],
  ['aws-pxk/aws-web.profile.yaml', 'aws-pxk/aws-web.profile.yaml'],
];

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function mutate(value: Json, random: () => number, depth = 0): Json {
  if (Array.isArray(value)) {
    if (value.length === 0 || random() < 0.15) return [...value, `added-${Math.floor(random() * 100)}`];
    const i = Math.floor(random() * value.length);
    const copy = [...value];
    if (random() < 0.2) copy.splice(i, 1);
    else copy[i] = mutate(copy[i], random, depth + 1);
    return copy;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const copy = { ...value };
    const roll = random();
    if (keys.length === 0 || roll < 0.1) copy[`new${Math.floor(random() * 100)}`] = random() < 0.5 ? 'yes' : { nested: 1 };
    else {
      const key = keys[Math.floor(random() * keys.length)];
      if (roll < 0.2 && depth > 0) delete copy[key];
      else copy[key] = mutate(copy[key], random, depth + 1);
    }
    return copy;
  }
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return random() < 0.2 ? `${value}\nsecond line` : `${value}-x`;
  return 'was-null';
}

/** Writes dotted keys nested (`a.b: 1` as `a: {b: 1}`), as a cluster's values may well spell them. */
function respell(value: Json, random: () => number): Json {
  if (Array.isArray(value)) return value.map((v) => respell(v, random));
  if (!value || typeof value !== 'object') return value;
  const out: { [k: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    const parts = key.split('.');
    if (parts.length > 1 && random() < 0.5 && !(parts[0] in out) && !Object.keys(value).includes(parts[0])) {
      out[parts[0]] = { [parts.slice(1).join('.')]: respell(v, random) };
    } else out[key] = respell(v, random);
  }
  return out;
}

describe('merge: robustness on the example packs', () => {
  for (const [from, to] of pairs) {
    it(`carries random overrides faithfully, ${from} → ${to}`, () => {
      const current = parseProfile(readFileSync(join(examples, from), 'utf8'), undefined, { cache: null });
      const pending = parseProfile(readFileSync(join(examples, to), 'utf8'), undefined, { cache: null });
      const random = rng(42);
      let carried = 0;
      const seen = { conflicts: 0, dropped: 0 };
      for (const pack of current.packs) {
        const base = pack.values?.text ?? '';
        const theirs = pending.packs.find((p) => p.name?.value === pack.name?.value)?.values?.text ?? '';
        for (let round = 0; round < 25; round++) {
          let js = parse(base) as Json;
          for (let n = 1 + Math.floor(random() * 3); n > 0; n--) js = mutate(js, random);
          const cluster = stringify(respell(js, random));
          // Half the time the new version changes things too, so conflicts and dropped overrides come up.
          const newer = random() < 0.5 ? theirs : stringify(mutate(parse(theirs) as Json, random));
          const m = mergeValues(base, cluster, newer, { resolve: () => 'mine', readd: () => true });
          assert.deepEqual(m.problems, [], `${pack.name?.value} round ${round}:\n${cluster}`);
          if (m.changed) carried++;
          const again = mergeValues(base, cluster, m.text, { resolve: () => 'mine', readd: () => true });
          seen.conflicts += m.conflicts.length;
          seen.dropped += m.dropped.length;
          assert.equal(again.changed, false, `${pack.name?.value} round ${round}: a second merge changed the text again`);
          assert.deepEqual(again.conflicts, []);
        }
      }
      assert.ok(carried > 10);
      assert.ok(seen.conflicts > 0 && seen.dropped > 0, JSON.stringify(seen));
    });
  }
});
