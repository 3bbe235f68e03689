// Decides what to offer at a caret in a profile: outer keys and values, pack names and versions, embedded values, macros.
import type { ProfileModel } from '../parse/profile';
import type { ValuesTree } from '../parse/valuesTree';
import { compareTags, parseTag } from '../plan/semver';
import { valuesSchemaFor } from '../validate';
import { cursorAt, type Anchor, type CursorContext, type Segment } from './cursor';
import { folderKeyCandidates, folderValueCandidates, schemaKeyCandidates, schemaValueCandidates } from './keys';
import { lineEndOf, lineStartOf, lineTokens } from './lineTokens';
import { macroCompletions } from './macros';
import { schemaRoot, schemasAt } from '../validate/schemaNav';
import type { Candidate, PackFolderInfo } from './types';

/** A pack layer's fields as written in the text, read even while the YAML around the caret is broken. */
export interface PackFields {
  name?: string;
  layer?: string;
  tag?: string;
  type?: string;
}

export type ProfileSite =
  | { kind: 'macro'; candidates: Candidate[] }
  | { kind: 'outer'; cursor: CursorContext; pack?: PackFields }
  | { kind: 'values'; cursor: CursorContext; pack: PackFields; inner: Segment[]; cloudType?: string };

export interface CompletionEnv {
  /** Pack folders of the workspace, for pack names and versions. */
  packFolders?: readonly PackFolderInfo[];
  /** The values.yaml of the workspace pack folder that matches the layer at the caret. */
  folderValues?: ValuesTree;
}

const blockKeys = new Set(['values', 'content']);
const packValueKeys = new Set(['name', 'tag']);

/** Where the caret is, cheaply: the caller may fetch workspace data for a `values` site before completing. */
export function profileSite(model: ProfileModel, offset: number): ProfileSite | undefined {
  const text = model.text;
  const macros = macroCompletions(text, offset, model);
  if (macros) return { kind: 'macro', candidates: macros };
  const cursor = cursorAt(text, offset, packAnchor(model, offset));
  if (!cursor || cursor.opaque) return undefined;
  const { path, scalars } = cursor;
  const inPack = path.length > 4 && isPackItem(path);
  const pack = inPack ? packFieldsAt(text, cursor.dashes.get(3)) : undefined;
  if (scalars.length === 0) return { kind: 'outer', cursor, pack };
  if (scalars.length === 1 && inPack && scalars[0] === 4 && path[4] === 'values' && pack) {
    const cloudType = model.cloudType?.type === 'string' ? model.cloudType.value : undefined;
    return { kind: 'values', cursor, pack, inner: path.slice(5), cloudType };
  }
  return undefined;
}

export function completeSite(site: ProfileSite | undefined, env: CompletionEnv = {}): Candidate[] {
  if (!site) return [];
  if (site.kind === 'macro') return site.candidates;
  if (site.kind === 'values') return valuesCandidates(site, env);
  return outerCandidates(site.cursor, site.pack, env);
}

export function completeProfile(model: ProfileModel, offset: number, env: CompletionEnv = {}): Candidate[] {
  return completeSite(profileSite(model, offset), env);
}

function outerCandidates(cursor: CursorContext, pack: PackFields | undefined, env: CompletionEnv): Candidate[] {
  const root = schemaRoot('profile');
  if (!root) return [];
  const schemas = schemasAt(root, cursor.path);
  if (cursor.position === 'key') {
    const inPackItem = cursor.path.length === 4 && isPackItem(cursor.path);
    return schemaKeyCandidates(schemas, cursor, { blockKeys, valueKeys: inPackItem ? packValueKeys : undefined });
  }
  const key = String(cursor.path[cursor.path.length - 1]);
  const out = schemaValueCandidates(schemas, cursor, key);
  const isPackField = cursor.path.length === 5 && isPackItem(cursor.path);
  if (isPackField && key === 'name') out.push(...packNameCandidates(cursor, env.packFolders ?? []));
  if (isPackField && key === 'tag' && pack?.name) out.push(...versionCandidates(cursor, pack.name, env.packFolders ?? []));
  return out;
}

/**
 * The last pack layer starting before the caret, when its mapping starts on its dash's line: the walk
 * up from the caret stops there instead of reading every layer above it (a big profile has hundreds).
 */
function packAnchor(model: ProfileModel, offset: number): Anchor | undefined {
  const packs = model.packs;
  let low = 0;
  let high = packs.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (packs[mid].span.start <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (found < 0) return undefined;
  const start = packs[found].span.start;
  let dash = start - 1;
  while (dash >= 0 && model.text[dash] === ' ') dash--;
  if (model.text[dash] !== '-' || dash === start - 1) return undefined;
  return { dash, path: ['spec', 'template', 'packs', packs[found].index] };
}

/** `spec.template.packs[i]` and below. */
function isPackItem(path: readonly Segment[]): boolean {
  return path[0] === 'spec' && path[1] === 'template' && path[2] === 'packs' && typeof path[3] === 'number';
}

function valuesCandidates(site: Extract<ProfileSite, { kind: 'values' }>, env: CompletionEnv): Candidate[] {
  const { cursor, pack, inner } = site;
  // A manifest layer's values are not a registry pack's, whatever its name.
  const schemaName = pack.type === 'manifest' ? undefined : valuesSchemaFor(pack.name, pack.layer, site.cloudType);
  const root = schemaName ? schemaRoot(`values/${schemaName}`) : undefined;
  const schemas = root ? schemasAt(root, inner) : [];
  const out: Candidate[] = [];
  if (cursor.position === 'key') {
    out.push(...schemaKeyCandidates(schemas, cursor));
    if (cursor.afterDash) out.push(...schemaValueCandidates(schemas, cursor, String(inner[inner.length - 2] ?? '')));
    if (env.folderValues) out.push(...folderKeyCandidates(env.folderValues, inner, cursor, new Set(out.map((c) => c.label))));
  } else {
    out.push(...schemaValueCandidates(schemas, cursor, String(inner[inner.length - 1])));
    if (env.folderValues) out.push(...folderValueCandidates(env.folderValues, inner, cursor, new Set(out.map((c) => c.label))));
  }
  return out;
}

function packNameCandidates(cursor: CursorContext, folders: readonly PackFolderInfo[]): Candidate[] {
  const byName = new Map<string, string[]>();
  for (const f of folders) byName.set(f.name, [...(byName.get(f.name) ?? []), ...(f.version ? [f.version] : [])]);
  return [...byName].map(([name, versions]) => ({
    label: name,
    kind: 'pack',
    detail: versions.length ? `pack folder (${sortVersions(versions).join(', ')})` : 'pack folder',
    documentation: `A pack folder of the workspace holds \`${name}\`.`,
    insertText: (cursor.needsSpace ? ' ' : '') + name,
    replace: { start: cursor.start, end: cursor.end },
  }));
}

function versionCandidates(cursor: CursorContext, name: string, folders: readonly PackFolderInfo[]): Candidate[] {
  const versions = sortVersions(folders.filter((f) => f.name === name && f.version).map((f) => f.version!));
  return versions.map((version, index) => ({
    label: version,
    kind: 'version',
    detail: index === 0 ? `${name}, newest in the workspace` : name,
    documentation: `Version of \`${name}\` found in a pack folder of the workspace${where(folders.find((f) => f.name === name && f.version === version)?.path)}.`,
    // A tag that reads as a number (1.30) must stay a string.
    insertText: (cursor.needsSpace ? ' ' : '') + (/^\d+(\.\d+)?$/.test(version) ? `"${version}"` : version),
    replace: { start: cursor.start, end: cursor.end },
    sortText: String(index).padStart(4, '0'),
    preselect: index === 0 || undefined,
  }));
}

const where = (path: string | undefined) => (path ? `: \`${path}\`` : '');

/** Newest first; tags that do not read as versions go last, in text order. */
function sortVersions(versions: string[]): string[] {
  return [...new Set(versions)].sort((a, b) => {
    const readable = Number(parseTag(a) !== undefined) - Number(parseTag(b) !== undefined);
    if (readable !== 0) return -readable;
    return parseTag(a) ? -(compareTags(a, b) ?? 0) || b.localeCompare(a) : a.localeCompare(b);
  });
}

/** Reads `name`, `layer`, `tag`, `type` of the sequence item whose dash is at `dash`, from the text alone. */
export function packFieldsAt(text: string, dash: number | undefined): PackFields | undefined {
  if (dash === undefined) return undefined;
  const lineStart = lineStartOf(text, dash);
  const dashCol = dash - lineStart;
  const fields: PackFields = {};
  const take = (key: string | undefined, value: string | undefined) => {
    if (key === 'name' || key === 'layer' || key === 'tag' || key === 'type') fields[key] ??= unquote(value ?? '');
  };
  let keyCol = -1;
  let start = lineStart;
  while (start <= text.length) {
    const end = lineEndOf(text, start);
    let ind = start;
    while (ind < end && text.charCodeAt(ind) === 32) ind++;
    const blank = ind >= end || text[ind] === '#' || text[ind] === '\r';
    if (!blank && start !== lineStart && ind - start <= dashCol) break;
    if (!blank && (start === lineStart || keyCol < 0 || ind - start === keyCol)) {
      const tokens = lineTokens(text, start, end);
      const key = start === lineStart ? tokens.find((t) => t.kind === 'key') : tokens[0]?.kind === 'key' ? tokens[0] : undefined;
      if (key && keyCol < 0) keyCol = key.col;
      if (key && key.col === keyCol) take(key.key, key.value);
    }
    if (end >= text.length) break;
    start = end + 1;
  }
  return fields;
}

function unquote(value: string): string | undefined {
  if (!value || /^[|>]/.test(value)) return undefined;
  const m = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^']|'')*)'$/.exec(value);
  return m ? (m[1] ?? m[2].replace(/''/g, "'")) : value;
}
