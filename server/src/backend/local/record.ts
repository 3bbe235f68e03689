// Reads and rewrites cluster records (clusters/<name>.yaml), keeping every field, comment and style it does not change.
import { isDeepStrictEqual } from 'node:util';
import { isMap, parse, parseDocument, Scalar, YAMLMap, type Document } from 'yaml';
import { parseClusterRecord, type ClusterFile } from '../../core/cluster/record';
import { BackendError } from '../types';

export interface StoredCluster {
  cluster: ClusterFile;
  /** `profile.revision`: the revision of the version the cluster applied; 1 when absent. */
  appliedRevision?: number;
}

/** Parses a record; anything malformed is an `invalid` error naming the file. */
export function readRecord(text: string, file: string): StoredCluster {
  const parsed = parseClusterRecord(text);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (!parsed.cluster || errors.length) {
    const first = errors[0]?.message ?? 'it is not a cluster record';
    throw new BackendError('invalid', `The cluster record ${file} cannot be read: ${first}`);
  }
  // parseClusterRecord keeps only name and version of `profile`; the revision is the store's own field.
  const raw = parse(text, { maxAliasCount: 100 }) as { profile?: { revision?: unknown } };
  const revision = Number(raw?.profile?.revision);
  return { cluster: parsed.cluster, appliedRevision: parsed.cluster.profile ? (Number.isInteger(revision) && revision > 0 ? revision : 1) : undefined };
}

export interface RecordUpdate {
  profile?: { name: string; version: string; revision: number };
  /** The whole overrides map (replaces it). */
  overrides?: Record<string, string>;
  /** One pack's override; `undefined` removes it. */
  override?: { pack: string; values: string | undefined };
  variables?: Record<string, string>;
  repaveApproved?: boolean;
}

function valuesScalar(values: string): Scalar {
  const node = new Scalar(values);
  // Multi-line values read best (and diff best in git) as literal blocks, like the examples.
  if (values.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

function overridesMap(doc: Document, overrides: Record<string, string>): YAMLMap {
  const map = new YAMLMap(doc.schema);
  for (const [pack, values] of Object.entries(overrides)) map.set(pack, valuesScalar(values));
  map.flow = map.items.length === 0;
  return map;
}

function flowMap(doc: Document, value: object): YAMLMap {
  const node = doc.createNode(value) as YAMLMap;
  node.flow = true;
  return node;
}

/** Returns the record's new text; unchanged fields keep their text. */
export function updateRecordText(text: string, update: RecordUpdate): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (!isMap(doc.contents)) throw new BackendError('invalid', 'The cluster record is not a mapping.');
  const current = (doc.toJS() ?? {}) as Record<string, unknown>;
  const before = JSON.stringify(current);
  if (update.profile) {
    const { name, version, revision } = update.profile;
    const was = current.profile as Record<string, unknown> | undefined;
    const keep = was && typeof was === 'object' ? Object.fromEntries(Object.entries(was).filter(([k]) => !['name', 'version', 'revision'].includes(k))) : {};
    const next = { name, version, ...(revision > 1 || was?.revision !== undefined ? { revision } : {}), ...keep };
    if (!isDeepStrictEqual(was, next)) doc.set('profile', flowMap(doc, next));
  }
  if (update.overrides) {
    if (!isDeepStrictEqual(current.overrides ?? {}, update.overrides)) doc.set('overrides', overridesMap(doc, update.overrides));
  }
  if (update.override) {
    const { pack, values } = update.override;
    const overrides = { ...((current.overrides as Record<string, string> | undefined) ?? {}) };
    if (values === undefined) delete overrides[pack];
    else overrides[pack] = values;
    const node = doc.get('overrides', true);
    if (isMap(node) && values !== undefined) {
      node.set(pack, valuesScalar(values));
      node.flow = false;
    } else if (isMap(node) && values === undefined) {
      node.delete(pack);
      if (node.items.length === 0) node.flow = true;
    } else doc.set('overrides', overridesMap(doc, overrides));
  }
  if (update.variables && !isDeepStrictEqual(current.variables ?? {}, update.variables)) doc.set('variables', flowMap(doc, update.variables));
  if (update.repaveApproved !== undefined) {
    const was = current.repave as Record<string, unknown> | undefined;
    const next = { ...(was && typeof was === 'object' ? was : {}), approved: update.repaveApproved };
    if (!isDeepStrictEqual(was, next)) doc.set('repave', flowMap(doc, next));
  }
  // Re-printing respaces flow collections; a record whose data did not change keeps its bytes.
  if (JSON.stringify(doc.toJS()) === before) return text;
  return doc.toString({ lineWidth: 0 });
}
