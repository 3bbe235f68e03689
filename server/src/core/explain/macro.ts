// Resolves a macro reference the way Palette will at deploy time, as far as the profile alone can: pack values, variables, system values.
import { findTemplates, type MacroRef } from '../parse/macros';
import type { PackModel, ProfileModel, VariableModel } from '../parse/profile';
import { valuesTree } from '../parse/valuesTree';
import type { Span } from '../types';
import { showEntry, type Shown } from './baselineAt';

export interface MacroExplanation {
  ref: MacroRef;
  /** One line of what the reference is. */
  summary: string;
  /** The value it resolves to here, when the profile says; for a variable, its default. */
  value?: Shown;
  valueIs?: 'resolved' | 'default' | 'here';
  /** The value with the pack references inside it resolved too (`options.system.uri` built from its parts). */
  expanded?: string;
  /** Where the value comes from, in words: `pack edge-native-byoi`, `spec.variables (site_id)`. */
  from?: string;
  /** Outer span of the key or variable the reference names: go to definition goes there. */
  target?: Span;
  /** Facts to list under the summary (a variable's format, whether it is required...). */
  details: string[];
  problem?: string;
}

const systemWords: Record<string, string> = {
  'user.name': 'the name of the user who deploys',
  'user.uid': 'the uid of the user who deploys',
  'user.email': 'the email of the user who deploys',
  'tenant.uid': 'the uid of the tenant',
  'project.name': 'the name of the project the cluster is in',
  'project.uid': 'the uid of the project the cluster is in',
  'clusterprofile.name': 'the name of this cluster profile',
  'clusterprofile.uid': 'the uid of this cluster profile',
  'clusterprofile.version': 'the version of this cluster profile',
  'clusterprofile.infra.name': "the name of the cluster's infrastructure profile",
  'clusterprofile.infra.uid': "the uid of the cluster's infrastructure profile",
  'clusterprofile.infra.version': "the version of the cluster's infrastructure profile",
  'cluster.name': 'the name of the cluster',
  'cluster.uid': 'the uid of the cluster',
  'cluster.kubevip': 'the cluster\'s kube-vip address (Edge, vSphere)',
  'cloudaccount.name': 'the name of the cloud account',
  'cloudaccount.uid': 'the uid of the cloud account',
  'kubernetes.version': 'the Kubernetes version of the cluster',
  'reverseproxy.server': 'the reverse proxy server',
  'reverseproxy.port': 'the reverse proxy port',
  'reverseproxy.protocol': 'the reverse proxy protocol',
  'reverseproxy.vhostport': 'the reverse proxy virtual host port',
  'cloud.type': 'the cloud type of the cluster',
  'cloud.region': 'the cloud region of the cluster',
};

export function explainMacro(ref: MacroRef, profile: ProfileModel): MacroExplanation {
  const out: MacroExplanation = { ref, summary: '', details: [] };
  const fallback = ref.defaultValue !== undefined ? ` (or \`${ref.defaultValue}\`, its \`default\`)` : '';
  switch (ref.kind) {
    case 'pack':
      return packMacro(ref, profile, out, fallback);
    case 'var':
      return variableMacro(ref, profile, out);
    case 'system': {
      const words = ref.path ? systemWords[ref.path] : undefined;
      out.summary = words ? `System macro: ${words}, filled in by Palette at deploy time.` : `System macro \`${ref.path ?? ''}\`, which Palette does not list.`;
      if (!words) out.problem = 'Unknown system macro; it resolves to nothing.';
      const known = systemValue(ref.path, profile);
      if (known) {
        out.value = { text: known.value, kind: 'scalar', full: known.value };
        out.valueIs = 'here';
        out.from = known.from;
      }
      return out;
    }
    case 'macro':
      out.summary = `User macro \`${ref.name ?? ''}\`: defined in Palette (project, then tenant, then system macros take precedence in that order) and filled in at deploy time.${fallback}`;
      return out;
    default:
      out.summary = `Unknown macro kind \`.spectro.${ref.name ?? ''}\`: Palette knows pack, system, macro and var.`;
      out.problem = 'It resolves to nothing.';
      return out;
  }
}

function packMacro(ref: MacroRef, profile: ProfileModel, out: MacroExplanation, fallback: string): MacroExplanation {
  const packs = profile.packs.filter((p) => p.name?.value === ref.pack);
  out.summary = `Pack reference: the value at \`${ref.path ?? ''}\` in pack \`${ref.pack ?? ''}\` of this profile.`;
  if (!ref.pack || !ref.path) {
    out.problem = 'The reference names no value path; it resolves to nothing.';
    return out;
  }
  if (packs.length === 0) {
    out.problem = `This profile has no pack named \`${ref.pack}\`, so it resolves to empty${fallback}.`;
    return out;
  }
  for (const pack of packs) {
    const entry = valuesTree(pack.values?.doc).getAt(ref.path);
    if (!entry) continue;
    out.value = showEntry(entry);
    out.valueIs = 'resolved';
    out.from = `pack ${ref.pack}${pack.layer?.value ? ` (${pack.layer.value} layer)` : ''}`;
    if (entry.keySpan && pack.values) out.target = pack.values.toOuterSpan(entry.keySpan);
    if (typeof entry.value === 'string' && entry.value.includes('{{')) {
      const expanded = expand(entry.value, profile, new Set([`${ref.pack}\u0000${ref.path}`]), 0);
      if (expanded !== entry.value) out.expanded = expanded;
    }
    return out;
  }
  out.problem = `Pack \`${ref.pack}\` has no value at \`${ref.path}\`, so it resolves to empty${fallback}.`;
  return out;
}

function variableMacro(ref: MacroRef, profile: ProfileModel, out: MacroExplanation): MacroExplanation {
  const variable = profile.variables.find((v) => v.name?.value === ref.name);
  out.summary = `Profile variable \`${ref.name ?? ''}\`: its value is asked for when the profile is deployed.`;
  if (!variable) {
    out.problem = `\`${ref.name ?? ''}\` is not declared in spec.variables.`;
    return out;
  }
  if (variable.name) out.target = variable.name.span;
  const label = variable.displayName?.value;
  if (label || variable.description?.value) out.summary = `Profile variable \`${ref.name}\`${label ? ` (${label})` : ''}${variable.description?.value ? `: ${variable.description.value}` : ''}.`;
  out.details.push(...variableFacts(variable));
  if (variable.defaultValue && variable.defaultValue.type !== 'null') {
    out.value = variable.isSensitive?.raw === true ? { text: '••••••', kind: 'scalar' } : { text: variable.defaultValue.value, kind: 'scalar', full: variable.defaultValue.value };
    out.valueIs = 'default';
  }
  return out;
}

function variableFacts(v: VariableModel): string[] {
  const facts: string[] = [];
  if (v.format?.value) facts.push(`format ${v.format.value}`);
  facts.push(v.required?.raw === true ? 'required' : 'optional');
  if (v.regex?.value) facts.push(`must match \`${v.regex.value}\``);
  if (v.isSensitive?.raw === true) facts.push('sensitive (masked)');
  if (v.hidden?.raw === true) facts.push('hidden');
  if (v.immutable?.raw === true) facts.push('cannot be changed after deployment');
  if (!v.defaultValue || v.defaultValue.type === 'null') facts.push('no default');
  return facts;
}

/** The few system values the profile itself decides. */
function systemValue(path: string | undefined, profile: ProfileModel): { value: string; from: string } | undefined {
  if (path === 'kubernetes.version') {
    const k8s = profile.packs.find((p: PackModel) => p.layer?.value === 'k8s');
    if (k8s?.tag?.value) return { value: k8s.tag.value, from: `the tag of ${k8s.name?.value ?? 'the k8s layer'} (k8s layer)` };
  }
  if (path === 'clusterprofile.name' && profile.name?.value) return { value: profile.name.value, from: 'metadata.name' };
  if (path === 'clusterprofile.version' && profile.version?.value) return { value: profile.version.value, from: 'spec.version' };
  if (path === 'cloud.type' && profile.cloudType?.value) return { value: profile.cloudType.value, from: 'spec.template.cloudType' };
  return undefined;
}

const maxDepth = 8;

/** Replaces each template that is one pack reference (or the Kubernetes version) by its value; anything else stays as written. */
function expand(text: string, profile: ProfileModel, seen: Set<string>, depth: number): string {
  if (depth > maxDepth || !text.includes('{{')) return text;
  const { templates } = findTemplates(text);
  let out = '';
  let at = 0;
  for (const t of templates) {
    out += text.slice(at, t.span.start);
    at = t.span.end;
    const ref = t.refs.length === 1 ? t.refs[0] : undefined;
    const replaced = ref && !ref.inComment && ref.pipes.length === 0 ? resolveOne(ref, profile, seen, depth) : undefined;
    out += replaced ?? text.slice(t.span.start, t.span.end);
  }
  return out + text.slice(at);
}

function resolveOne(ref: MacroRef, profile: ProfileModel, seen: Set<string>, depth: number): string | undefined {
  if (ref.kind === 'system') return ref.path === 'kubernetes.version' ? systemValue(ref.path, profile)?.value : undefined;
  if (ref.kind !== 'pack' || !ref.pack || !ref.path) return undefined;
  const key = `${ref.pack}\u0000${ref.path}`;
  if (seen.has(key)) return undefined;
  for (const pack of profile.packs) {
    if (pack.name?.value !== ref.pack) continue;
    const value = valuesTree(pack.values?.doc).getAt(ref.path)?.value;
    if (value === undefined || value === null || typeof value === 'object') continue;
    return expand(String(value), profile, new Set([...seen, key]), depth + 1);
  }
  return undefined;
}
