// Converts between our profile text (Palette's YAML import/export shape) and the API's profile bodies and responses.
import { Document, parse, stringify } from 'yaml';
import { BackendError } from '../types';
import type { V1ClusterProfileTemplate, V1ObjectMeta, V1PackInput, V1PackManifestsList, V1Variable } from './shapes';

/** Our revision counter lives in an annotation: Palette has none, and Update in Place needs one. */
export const revisionAnnotation = 'palette-profile-studio/revision';
/** Palette stores a profile's description as this annotation and a value-less tag as this label value. */
const descriptionAnnotation = 'description';
export const plainTag = 'spectro__tag';

const variableFields = ['name', 'displayName', 'description', 'format', 'defaultValue', 'regex', 'required', 'isSensitive', 'hidden', 'immutable', 'inputType', 'options'];

export interface ProfileParts {
  name: string;
  version: string;
  description?: string;
  labels: Record<string, string>;
  cloudType?: string;
  type?: string;
  packs: V1PackInput[];
  /** Undefined when the text has no `spec.variables` (then we leave Palette's as they are). */
  variables?: V1Variable[];
}

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}

function str(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : typeof value === 'string' ? value : String(value);
}

/** Reads the parts Palette needs from our profile text; throws `invalid` when name, version or packs are missing. */
export function profileParts(text: string): ProfileParts {
  let data: Obj;
  try {
    data = obj(parse(text, { maxAliasCount: 100 }));
  } catch (error) {
    throw new BackendError('invalid', `The profile is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const metadata = obj(data.metadata);
  const spec = obj(data.spec);
  const template = obj(spec.template);
  const name = str(metadata.name);
  const version = str(spec.version);
  if (!name) throw new BackendError('invalid', 'The profile has no metadata.name.');
  if (!version) throw new BackendError('invalid', `The profile ${name} has no spec.version.`);
  if (!Array.isArray(template.packs)) throw new BackendError('invalid', `The profile ${name} has no spec.template.packs list.`);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj(metadata.labels))) labels[key] = str(value) || plainTag;
  const packs = template.packs.map((item, index): V1PackInput => {
    const pack = obj(item);
    const packName = str(pack.name);
    if (!packName) throw new BackendError('invalid', `Pack ${index + 1} of the profile ${name} has no name.`);
    const out: V1PackInput = { name: packName };
    for (const field of ['layer', 'tag', 'type', 'uid', 'registryUid'] as const) if (str(pack[field])) out[field] = str(pack[field]);
    if (pack.values !== undefined && pack.values !== null) out.values = typeof pack.values === 'string' ? pack.values : stringify(pack.values);
    if (Array.isArray(pack.manifests)) out.manifests = pack.manifests.map((m) => ({ name: str(obj(m).name) ?? '', content: str(obj(m).content) ?? '' }));
    return out;
  });
  const variables = Array.isArray(spec.variables)
    ? spec.variables.map((item) => {
        const variable = obj(item);
        const out: V1Variable = { name: str(variable.name) ?? '' };
        for (const field of variableFields) if (variable[field] !== undefined && variable[field] !== null) out[field] = variable[field];
        return out;
      })
    : undefined;
  return {
    name,
    version,
    description: str(metadata.description),
    labels,
    cloudType: str(template.cloudType),
    type: str(template.type),
    packs,
    variables,
  };
}

/** The metadata Palette keeps for a version: description and our revision as annotations, tags as labels. */
export function paletteMetadata(parts: Pick<ProfileParts, 'name' | 'description' | 'labels'>, revision: number): V1ObjectMeta {
  const annotations: Record<string, string> = { [revisionAnnotation]: String(revision) };
  if (parts.description) annotations[descriptionAnnotation] = parts.description;
  return { name: parts.name, labels: parts.labels, annotations };
}

export function revisionOf(metadata: V1ObjectMeta | undefined): number {
  const value = Number(metadata?.annotations?.[revisionAnnotation]);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

export function descriptionOf(metadata: V1ObjectMeta | undefined): string | undefined {
  return metadata?.annotations?.[descriptionAnnotation] || undefined;
}

/** Palette labels as our tags: `key:value`, or just `key` for a value-less tag. */
export function labelsToTags(labels: Record<string, string> | undefined): string[] {
  return Object.entries(labels ?? {}).map(([key, value]) => (!value || value === plainTag ? key : `${key}:${value}`));
}

export function tagsToLabels(tags: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of tags) {
    const at = tag.indexOf(':');
    if (at < 0) labels[tag] = plainTag;
    else labels[tag.slice(0, at)] = tag.slice(at + 1);
  }
  return labels;
}

/** Our profile text from a Palette template, its metadata, variables and (when the packs have any) manifests' contents. */
export function profileText(
  metadata: V1ObjectMeta | undefined,
  version: string,
  template: V1ClusterProfileTemplate,
  variables: V1Variable[] | undefined,
  manifests?: V1PackManifestsList,
): string {
  const contents = new Map<string, Map<string, string>>();
  for (const pack of manifests?.spec?.packs ?? []) {
    const name = pack.spec?.name ?? pack.metadata?.name;
    if (!name) continue;
    contents.set(name, new Map((pack.spec?.manifests ?? []).map((m) => [m.name ?? '', m.content ?? ''])));
  }
  const packs = (template.packs ?? []).map((pack) => {
    const out: Obj = { name: pack.name };
    if (pack.type) out.type = pack.type;
    out.layer = pack.layer;
    if (pack.tag) out.tag = pack.tag;
    if (pack.registryUid) out.registryUid = pack.registryUid;
    out.values = pack.values ?? '';
    if (pack.manifests?.length) out.manifests = pack.manifests.map((m) => ({ name: m.name, content: contents.get(pack.name)?.get(m.name ?? '') ?? '' }));
    return out;
  });
  const meta: Obj = { name: metadata?.name ?? template.name };
  const description = descriptionOf(metadata);
  if (description) meta.description = description;
  if (metadata?.labels && Object.keys(metadata.labels).length) meta.labels = metadata.labels;
  const spec: Obj = { version, template: { cloudType: template.cloudType, type: template.type, packs } };
  if (variables?.length) spec.variables = variables;
  const doc = new Document({ metadata: meta, spec });
  return doc.toString({ blockQuote: 'literal', lineWidth: 0 });
}
