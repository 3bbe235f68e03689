// The outline of a profile: the profile, its layers in Palette order, their packs with values keys and manifests, its variables.
import { isMap, type Document } from 'yaml';
import { fieldAt, nodeAt, pairOf, type Field } from '../parse/fields';
import type { ManifestModel, PackModel, ProfileModel, VariableModel } from '../parse/profile';
import type { Span } from '../types';
import { keySymbols, type Budget } from './keys';
import { outerPlace, spanFrom, spanIn, trimEnd, type Place } from './place';
import { outlineSymbol, type OutlineSymbol } from './types';

/** Palette stacks layers bottom up in this order; any other layer value follows, as written. */
const layerOrder = ['os', 'k8s', 'cni', 'csi', 'addon'];
const layerLabels: Record<string, string> = { os: 'Operating system', k8s: 'Kubernetes', cni: 'Network', csi: 'Storage', addon: 'Add-on' };

export interface ProfileOutlineOptions {
  /** Levels of values keys under each pack (1: top-level keys only). */
  valuesDepth?: number;
  /** Most symbols the values and manifests of all packs may add together. */
  maxSymbols?: number;
}

export function profileSymbols(profile: ProfileModel, options: ProfileOutlineOptions = {}): OutlineSymbol[] {
  const root = profile.doc?.contents;
  const place = outerPlace(profile.text);
  const rootSpan = spanIn(place, root);
  if (!root || !rootSpan || !isMap(root)) return [];
  const budget: Budget = { left: options.maxSymbols ?? 5000 };
  const depth = options.valuesDepth ?? 2;
  const children = layerGroups(profile.packs, place).map(({ layer, packs }) => {
    const symbols = packs.map((pack) => packSymbol(pack, place, depth, budget));
    const first = packs[0];
    const selection = first.layer ? spanIn(place, first.layer.node) : symbols[0].selection;
    return outlineSymbol(layer || '(no layer)', 'namespace', cover(symbols.map((s) => s.span)), selection, symbols, layerLabels[layer]);
  });
  const variables = variablesSymbol(profile, place);
  if (variables) children.push(variables);
  const name = [textOf(profile.name) || 'profile', textOf(profile.version)].filter(Boolean).join(' ');
  const detail = [textOf(profile.cloudType), textOf(profile.type)].filter(Boolean).join(' · ');
  return [outlineSymbol(name, 'module', rootSpan, profile.name?.span, children, detail)];
}

function layerGroups(packs: PackModel[], place: Place): { layer: string; packs: PackModel[] }[] {
  const groups = new Map<string, PackModel[]>();
  for (const pack of packs) {
    if (!spanIn(place, pack.node)) continue;
    const layer = textOf(pack.layer);
    const list = groups.get(layer);
    if (list) list.push(pack);
    else groups.set(layer, [pack]);
  }
  const rank = (layer: string) => (layer === '' ? layerOrder.length + 1 : layerOrder.includes(layer) ? layerOrder.indexOf(layer) : layerOrder.length);
  // Map keeps first-appearance order, and sort is stable, so unknown layers stay as written.
  return [...groups].map(([layer, list]) => ({ layer, packs: list })).sort((a, b) => rank(a.layer) - rank(b.layer));
}

function packSymbol(pack: PackModel, place: Place, depth: number, budget: Budget): OutlineSymbol {
  const span = spanIn(place, pack.node) ?? pack.span;
  const name = [textOf(pack.name) || `pack ${pack.index + 1}`, textOf(pack.tag)].filter(Boolean).join(' ');
  const detail = [textOf(pack.type), textOf(pack.layer)].filter(Boolean).join(' · ');
  const children: OutlineSymbol[] = [];
  const values = pack.values?.doc;
  if (values && pack.values) children.push(...keySymbols(values.contents, { text: place.text, toOuter: pack.values.toOuter }, depth, budget));
  else if (pack.valuesField?.type === 'map') children.push(...keySymbols(pack.valuesField.node, place, depth, budget));
  for (const manifest of pack.manifests) children.push(manifestSymbol(manifest, place));
  return outlineSymbol(name, 'package', span, pack.name?.span, children, detail);
}

function manifestSymbol(manifest: ManifestModel, place: Place): OutlineSymbol {
  const content = manifest.content;
  const objects = content ? content.docs.map((doc, i) => objectSymbol(doc, i, { text: place.text, toOuter: content.toOuter })).filter((s): s is OutlineSymbol => s !== undefined) : [];
  const detail = objects.length === 1 ? '1 object' : objects.length > 1 ? `${objects.length} objects` : undefined;
  return outlineSymbol(textOf(manifest.name) || `manifest ${manifest.index + 1}`, 'file', trimmed(place, manifest.span), manifest.name?.span, objects, detail);
}

/** One Kubernetes object of a manifest: `Deployment web`. */
function objectSymbol(doc: Document, index: number, place: Place): OutlineSymbol | undefined {
  const contents = doc.contents;
  const span = spanIn(place, contents);
  if (!span || !isMap(contents)) return undefined;
  const kind = fieldAt(contents, 'kind');
  const name = fieldAt(nodeAt(contents, 'metadata'), 'name');
  const label = [textOf(kind), textOf(name)].filter(Boolean).join(' ') || `document ${index + 1}`;
  const at = name?.type === 'string' ? name : kind;
  return outlineSymbol(label, 'struct', span, at ? spanIn(place, at.node) : undefined, [], textOf(fieldAt(contents, 'apiVersion')));
}

function variablesSymbol(profile: ProfileModel, place: Place): OutlineSymbol | undefined {
  const spec = nodeAt(profile.doc?.contents, 'spec');
  const pair = pairOf(spec, 'variables') ?? pairOf(nodeAt(spec, 'template'), 'variables');
  const span = pair && spanFrom(place, pair.key, pair.value);
  if (!pair || !span) return undefined;
  const children = profile.variables.map((v) => variableSymbol(v, place));
  return outlineSymbol('variables', 'namespace', span, spanIn(place, pair.key), children, children.length === 1 ? '1 variable' : `${children.length} variables`);
}

function variableSymbol(variable: VariableModel, place: Place): OutlineSymbol {
  const detail = textOf(variable.displayName) || textOf(variable.format);
  return outlineSymbol(textOf(variable.name) || `variable ${variable.index + 1}`, 'variable', trimmed(place, variable.span), variable.name?.span, [], detail);
}

/** A field's text when it is a scalar worth showing (not a map, a list or null). */
function textOf(field: Field | undefined): string {
  return field && (field.type === 'string' || field.type === 'number' || field.type === 'boolean') ? field.value.trim() : '';
}

function trimmed(place: Place, span: Span): Span {
  return { start: span.start, end: trimEnd(place.text, span.start, span.end) };
}

function cover(spans: Span[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
  }
  return { start, end };
}
