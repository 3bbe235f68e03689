// Checks macro and profile-variable references in each layer's values and manifests against the profile.
import { findTemplates, type MacroRef } from '../parse/macros';
import type { EmbeddedYaml } from '../parse/embedded';
import type { PackModel, ProfileModel } from '../parse/profile';
import { valuesTree, type ValuesTree } from '../parse/valuesTree';
import type { Problem, Span } from '../types';
import { didYouMean } from './suggest';
import { inPackContent, inSystemUri, quoting } from './variableRules';

/** The system macros the Palette docs list (reference section 3). */
export const systemMacros: readonly string[] = [
  'user.name', 'user.uid', 'user.email', 'tenant.uid', 'project.name', 'project.uid',
  'clusterprofile.name', 'clusterprofile.uid', 'clusterprofile.version',
  'clusterprofile.infra.name', 'clusterprofile.infra.uid', 'clusterprofile.infra.version',
  'cluster.name', 'cluster.uid', 'cluster.kubevip', 'cloudaccount.name', 'cloudaccount.uid', 'kubernetes.version',
  'reverseproxy.server', 'reverseproxy.port', 'reverseproxy.protocol', 'reverseproxy.vhostport', 'cloud.type', 'cloud.region',
];
const systemSet = new Set(systemMacros);

interface Source {
  pack: PackModel;
  embedded: EmbeddedYaml;
  /** Values documents have paths (pack.content, options.system.uri); manifests do not. */
  isValues: boolean;
}

export function macroProblems(model: ProfileModel): Problem[] {
  const problems: Problem[] = [];
  const packsByName = new Map<string, PackModel[]>();
  for (const pack of model.packs) {
    if (pack.name?.type !== 'string') continue;
    packsByName.set(pack.name.value, [...(packsByName.get(pack.name.value) ?? []), pack]);
  }
  const variables = new Map(model.variables.filter((v) => v.name?.type === 'string').map((v) => [v.name!.value, v]));
  const used = new Set<string>();
  for (const source of sources(model)) {
    const { embedded } = source;
    const refs = findTemplates(embedded.text).templates.flatMap((t) => t.refs).filter((r) => !r.inComment);
    if (refs.length === 0) continue;
    let zones: Zones | undefined;
    for (const ref of refs) {
      const add: Add = (span, severity, code, message) => problems.push({ ...embedded.toOuterSpan(span ?? ref.span), severity, code, message });
      if (ref.kind === 'pack') checkPackRef(ref, packsByName, add);
      else if (ref.kind === 'system') {
        if (!ref.path || !systemSet.has(ref.path)) add(ref.pathSpan ?? ref.span, 'warning', 'macro-unknown-system', `Unknown system macro '.spectro.system.${ref.path ?? ''}'${didYouMean(ref.path ?? '', systemMacros)}`);
      } else if (ref.kind === 'var') {
        if (!ref.name) continue;
        used.add(ref.name);
        if (!variables.has(ref.name)) add(ref.nameSpan, 'error', 'variable-undefined', `Profile variable '${ref.name}' is not declared in spec.variables${didYouMean(ref.name, variables.keys())}`);
        if (!quoting.accepted.includes(ref.quote)) add(ref.templateSpan, quoting.severity, quoting.code, `Profile variables must be quoted: '{{.spectro.var.${ref.name}}}', or "{{.spectro.var.${ref.name}}}" when the value can contain a single quote`);
        if (source.isValues && embedded.doc && embedded.doc.errors.length === 0) {
          zones ??= zonesOf(valuesTree(embedded.doc), refs);
          if (inside(ref.span, zones.packContent)) add(ref.templateSpan, inPackContent.severity, inPackContent.code, `Profile variables are not allowed under pack.content: Palette populates it automatically`);
          else if (inside(ref.span, zones.systemUriWithMacro)) add(ref.templateSpan, inSystemUri.severity, inSystemUri.code, `A profile variable can be used in options.system.uri only while the uri uses no macro; this uri also uses {{ .spectro.* }} macros`);
        }
      } else if (ref.kind === 'unknown') {
        add(ref.nameSpan, 'warning', 'macro-unknown', `Unknown macro '.spectro.${ref.name ?? ''}': expected pack, system, macro or var${didYouMean(ref.name ?? '', ['pack', 'system', 'macro', 'var'])}`);
      }
    }
  }
  for (const [name, variable] of variables) {
    if (!used.has(name)) problems.push({ ...variable.name!.span, severity: 'hint', code: 'variable-unused', message: `Profile variable '${name}' is declared but never used ('{{.spectro.var.${name}}}')` });
  }
  return problems;
}

function* sources(model: ProfileModel): Generator<Source> {
  for (const pack of model.packs) {
    if (pack.values) yield { pack, embedded: pack.values, isValues: true };
    for (const manifest of pack.manifests) if (manifest.content) yield { pack, embedded: manifest.content, isValues: false };
  }
}

type Add = (span: Span | undefined, severity: Problem['severity'], code: string, message: string) => void;

function checkPackRef(ref: MacroRef, packsByName: Map<string, PackModel[]>, add: Add): void {
  if (!ref.pack) return;
  const targets = packsByName.get(ref.pack);
  if (!targets) {
    add(ref.packSpan, 'error', 'macro-unknown-pack', `No pack '${ref.pack}' in this profile${didYouMean(ref.pack, packsByName.keys())}`);
    return;
  }
  // Undefined paths resolve to empty, which a `default` makes deliberate.
  if (!ref.path || ref.defaultValue !== undefined || ref.pipes.some((p) => /^default\b/.test(p))) return;
  const trees: ValuesTree[] = [];
  for (const target of targets) {
    const doc = target.values?.doc;
    if (doc && doc.errors.length > 0) return;
    trees.push(valuesTree(doc));
  }
  const alternate = ref.path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  if (trees.some((t) => t.getAt(ref.path!) || t.getAt(alternate))) return;
  const parent = ref.path.includes('.') ? ref.path.slice(0, ref.path.lastIndexOf('.')) : '';
  const siblings = trees.flatMap((t) => t.entries.filter((e) => (parent ? e.path.startsWith(parent + '.') : true) && e.segments.length === ref.path!.split('.').length).map((e) => e.path));
  add(ref.pathSpan, 'warning', 'macro-unknown-path', `Pack '${ref.pack}' has no value at '${ref.path}', so this resolves to empty (add | default "..." if that is intended)${didYouMean(ref.path, siblings)}`);
}

interface Zones {
  packContent: Span[];
  /** Values of options.system.uri that also hold a pack, system or user macro. */
  systemUriWithMacro: Span[];
}

function zonesOf(tree: ValuesTree, refs: readonly MacroRef[]): Zones {
  const zones: Zones = { packContent: [], systemUriWithMacro: [] };
  for (const e of tree.entries) {
    if (e.implied) continue;
    if (e.path === 'pack.content' || e.path.startsWith('pack.content.') || e.path.startsWith('pack.content[')) zones.packContent.push(e.valueSpan);
    else if (e.path === 'options.system.uri' && refs.some((r) => r.kind !== 'var' && inside(r.span, [e.valueSpan]))) zones.systemUriWithMacro.push(e.valueSpan);
  }
  return zones;
}

function inside(span: Span, zones: Span[]): boolean {
  return zones.some((z) => span.start >= z.start && span.end <= z.end);
}
