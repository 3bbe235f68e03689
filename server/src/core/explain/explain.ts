// What to say about the thing at an offset of a profile: its path, schema words, baseline value, upgrade rule, macro or tag.
import { dottedPath } from '../dottedPath';
import type { EmbeddedYaml } from '../parse/embedded';
import type { MacroRef } from '../parse/macros';
import type { PackModel, ProfileModel } from '../parse/profile';
import { valuesTree } from '../parse/valuesTree';
import type { ChangePart, ClusterKind, ProfileChange } from '../plan/model';
import type { Span } from '../types';
import { valuesSchemaFor } from '../validate/valuesSchema';
import { baselineOuterAt, baselinePackOf, baselineValueAt, isContainer, sameValue, showNode, type BaselineAt, type Shown } from './baselineAt';
import { explainMacro, type MacroExplanation } from './macro';
import { macroAt, nodeAt, splitPath, type NodeAt } from './nodeAt';
import { clusterKindLabel, rulesAt, type RuleAt } from './rulesAt';
import { schemaDocAt, type SchemaDoc } from './schemaDocs';
import { explainTag, type TagExplanation } from './tag';

/** Where planned changes count as "at this key": inside `extent`, in this pack, under this key path. */
export interface ChangeScope {
  extent: Span;
  pack?: string;
  layer?: string;
  part?: ChangePart;
  keyPath: string[];
}

export interface Explanation {
  /** Outer span the hover covers. */
  span: Span;
  /** The dotted path (or the macro) the hover is about. */
  title: string;
  /** `edge-k3s (k8s layer) · values`, for keys inside a pack. */
  where?: string;
  value?: Shown;
  schema?: SchemaDoc;
  /** A pack's schema.yaml template for this value, in pack files. */
  constraint?: string;
  baseline?: { label: string; at: BaselineAt };
  rules?: { kind: string; subject: string; rules: RuleAt[] };
  tag?: TagExplanation;
  macro?: MacroExplanation;
  scope?: ChangeScope;
  /** The change baseline → here at a scalar, for when the plan is older than the document. */
  ownChange?: ProfileChange;
}

export interface ProfileExplainOptions {
  baseline?: { profile: ProfileModel; label: string };
  kind: ClusterKind;
}

export function explainProfileAt(profile: ProfileModel, offset: number, options: ProfileExplainOptions): Explanation | undefined {
  const macro = profileMacroAt(profile, offset);
  if (macro) return { span: macro.span, title: `{{ ${macro.ref.reference} }}`, macro: explainMacro(macro.ref, profile) };
  const pack = packAt(profile, offset);
  const inner = pack?.values ? innerOffset(pack.values, offset) : undefined;
  if (inner !== undefined) {
    const found = nodeAt(pack!.values!.doc, inner);
    return found ? valuesExplanation(profile, pack!, found, options) : undefined;
  }
  const found = nodeAt(profile.doc, offset);
  return found ? outerExplanation(profile, found, options) : undefined;
}

/** The macro reference under an offset, in a pack's values, a manifest, or the outer text; `span` is its template's, outer. */
export function profileMacroAt(profile: ProfileModel, offset: number): { ref: MacroRef; span: Span } | undefined {
  const pack = packAt(profile, offset);
  for (const embedded of [pack?.values, ...(pack?.manifests ?? []).map((m) => m.content)]) {
    const inner = embedded ? innerOffset(embedded, offset) : undefined;
    if (inner === undefined) continue;
    const ref = macroAt(embedded!.text, inner);
    return ref ? { ref, span: embedded!.toOuterSpan(ref.templateSpan) } : undefined;
  }
  const ref = macroAt(profile.text, offset);
  return ref ? { ref, span: ref.templateSpan } : undefined;
}

function packAt(profile: ProfileModel, offset: number): PackModel | undefined {
  return profile.packs.find((p) => offset >= p.span.start && offset <= p.span.end);
}

function innerOffset(embedded: EmbeddedYaml, offset: number): number | undefined {
  return offset >= embedded.start && offset <= embedded.end ? embedded.toInner(offset) : undefined;
}

function packWhere(pack: PackModel): string {
  return `${pack.name?.value ?? `pack #${pack.index}`}${pack.layer?.value ? ` (${pack.layer.value} layer)` : ''}`;
}

function valuesExplanation(profile: ProfileModel, pack: PackModel, found: NodeAt, options: ProfileExplainOptions): Explanation {
  const values = pack.values!;
  const path = splitPath(found.path);
  const keyPath = path.filter((p): p is string => typeof p === 'string');
  const title = dottedPath(path);
  const out: Explanation = { span: values.toOuterSpan(found.span), title, where: `${packWhere(pack)} · values`, value: found.value ? showNode(found.value) : undefined };
  const schema = valuesSchemaFor(pack.name?.value, pack.layer?.value, profile.cloudType?.value);
  if (schema) out.schema = schemaDocAt(schema, found.path, true);
  const name = pack.name?.value ?? '';
  const layer = pack.layer?.value ?? '';
  const container = isContainer(out.value);
  if (options.baseline) out.baseline = { label: options.baseline.label, at: baselineValueAt(baselinePackOf(options.baseline.profile, pack), pack, path) };
  const leaves = container ? leafKeyPaths(pack, path) : undefined;
  const shown = out.value?.full ?? out.value?.text;
  out.rules = { kind: clusterKindLabel(options.kind), subject: title, rules: rulesAt({ profile, kind: options.kind, layer, pack: name, part: 'values', keyPath, leaves, before: shown, after: shown }) };
  out.scope = { extent: values.toOuterSpan(found.extent), pack: name, layer, part: 'values', keyPath };
  const at = out.baseline?.at;
  if (!container && out.value && at && (at.found || at.why === 'no-key') && !(at.found && sameValue(at.shown, out.value))) {
    const before = at.found ? at.shown.full ?? at.shown.text : undefined;
    out.ownChange = { layer, pack: name, path: title, part: 'values', keyPath, change: at.found ? 'modified' : 'added', before, after: shown, pendingSpan: out.span };
  }
  return out;
}

/** Key paths of the scalars under a values path, for the rules a mapping's keys fall under. */
function leafKeyPaths(pack: PackModel, path: readonly (string | number)[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const e of valuesTree(pack.values?.doc).entries) {
    if (e.container || e.segments.length <= path.length || !path.every((p, i) => e.segments[i] === p)) continue;
    const keys = e.segments.filter((s): s is string => typeof s === 'string');
    const id = keys.join('\u0000');
    if (!seen.has(id)) {
      seen.add(id);
      out.push(keys);
    }
  }
  return out;
}

const packFieldParts: Record<string, ChangePart> = { tag: 'tag', type: 'type', name: 'pack', layer: 'pack' };

function outerExplanation(profile: ProfileModel, found: NodeAt, options: ProfileExplainOptions): Explanation {
  const title = dottedPath(found.path);
  const out: Explanation = { span: found.span, title, value: found.value ? showNode(found.value) : undefined, schema: schemaDocAt('profile', found.path) };
  if (options.baseline) out.baseline = { label: options.baseline.label, at: baselineOuterAt(options.baseline.profile, profile, found.path) };
  const p = found.path;
  const kind = clusterKindLabel(options.kind);
  if (p[0] === 'spec' && p[1] === 'template' && p[2] === 'packs' && typeof p[3] === 'number') {
    const pack = profile.packs[p[3]];
    if (!pack) return out;
    const name = pack.name?.value ?? '';
    const layer = pack.layer?.value ?? '';
    out.where = packWhere(pack);
    const field = p.length === 5 && typeof p[4] === 'string' ? p[4] : undefined;
    // Anything about the pack as a whole (its name, its item) covers every change in it.
    const whole = field === undefined || field === 'name';
    out.scope = { extent: whole ? pack.span : found.extent, pack: name, layer, part: whole ? undefined : packFieldParts[field] ?? 'values', keyPath: whole || field === 'values' ? [] : [field] };
    if (field === 'tag' && pack.tag) {
      const before = options.baseline ? baselinePackOf(options.baseline.profile, pack) : undefined;
      out.tag = explainTag(options.baseline ? before?.tag?.value : pack.tag.value, pack.tag.value, layer);
      if (before?.tag && before.tag.value !== pack.tag.value) {
        out.ownChange = { layer, pack: name, path: 'tag', part: 'tag', keyPath: ['tag'], change: 'modified', before: before.tag.value, after: pack.tag.value, pendingSpan: pack.tag.span };
      }
      out.rules = { kind, subject: `the tag of ${name}`, rules: rulesAt({ profile, kind: options.kind, layer, pack: name, part: 'tag', keyPath: ['tag'], before: pack.tag.value, after: 'another version' }) };
    } else if (field === 'type' || field === 'name') {
      const part = packFieldParts[field];
      const subject = field === 'type' ? `the type of ${name}` : `adding or removing ${name}`;
      const summary = { name, tag: pack.tag?.value };
      out.rules = { kind, subject, rules: rulesAt({ profile, kind: options.kind, layer, pack: name, part, keyPath: field === 'type' ? ['type'] : [], before: summary, after: summary }) };
    }
    return out;
  }
  const profileKeys = profileKeyPath(profile, p);
  if (profileKeys) {
    out.rules = { kind, subject: title, rules: rulesAt({ profile, kind: options.kind, layer: '', pack: '', part: 'profile', keyPath: profileKeys, before: out.value?.full, after: out.value?.full }) };
    out.scope = { extent: found.extent, pack: '', part: 'profile', keyPath: profileKeys };
  }
  return out;
}

/** The planner's key path for profile-level fields: `version`, `variables.<name>.<field>`. */
function profileKeyPath(profile: ProfileModel, p: readonly (string | number)[]): string[] | undefined {
  if (p.length === 2 && p[0] === 'spec' && p[1] === 'version') return ['version'];
  const at = p[1] === 'variables' ? 2 : p[1] === 'template' && p[2] === 'variables' ? 3 : -1;
  if (p[0] !== 'spec' || at < 0) return undefined;
  if (typeof p[at] !== 'number') return ['variables'];
  const name = profile.variables[p[at] as number]?.name?.value;
  if (!name) return undefined;
  const field = p[at + 1];
  return typeof field === 'string' ? ['variables', name, field] : ['variables', name];
}
