// Completes Palette macros inside `{{ ... }}`: namespaces, pack names and value paths, system macros, profile variables.
import type { ProfileModel } from '../parse/profile';
import { valuesTree } from '../parse/valuesTree';
import type { Span } from '../types';
import { systemMacros } from '../validate';
import { lineStartOf } from './lineTokens';
import type { Candidate } from './types';

const namespaces: { name: string; doc: string }[] = [
  { name: 'pack', doc: "A value of another layer of this profile: `.spectro.pack.NAME.path.to.key`. Resolves to empty when the path does not exist (add `| default \"...\"` if that is intended)." },
  { name: 'system', doc: 'A value Palette knows about the cluster, its profile, project or cloud: `.spectro.system.cluster.name`.' },
  { name: 'var', doc: "A profile variable declared in `spec.variables`; write it single-quoted: `'{{.spectro.var.NAME}}'`." },
  { name: 'macro', doc: 'A user macro defined in the tenant or project settings.' },
];
const wordChar = /[A-Za-z0-9_-]/;

/**
 * Candidates when the caret is inside an unclosed `{{` on its line, or undefined when it is not in
 * a template (the caller then tries YAML keys and values).
 */
export function macroCompletions(text: string, offset: number, model?: ProfileModel): Candidate[] | undefined {
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return undefined;
  const expression = before.slice(open + 2);
  let end = offset;
  while (end < text.length && wordChar.test(text[end])) end++;
  const token = /(?:^-?|[\s(|])(\.[A-Za-z0-9_.-]*)$/.exec(expression)?.[1];
  if (token === undefined) return /(?:^-?|[\s(|])$/.test(expression) ? starters({ start: offset, end }) : [];
  const tokenStart = offset - token.length;
  if (!token.startsWith('.spectro.')) return '.spectro.'.startsWith(token) || token === '.spectro' ? starters({ start: tokenStart, end }) : [];
  const parts = token.slice('.spectro.'.length).split('.');
  // The last part is the word being typed; it alone is replaced.
  const replace = { start: offset - parts[parts.length - 1].length, end };
  const [namespace, ...rest] = parts;
  if (parts.length === 1) {
    return namespaces.map((n) => ({ label: n.name, kind: 'namespace', detail: `.spectro.${n.name}`, documentation: n.doc, insertText: `${n.name}.`, replace, retrigger: true }));
  }
  if (namespace === 'pack') return rest.length === 1 ? packNames(model, replace) : packPaths(model, rest[0], rest.slice(1, -1), replace);
  if (namespace === 'system') return systemPaths(rest.slice(0, -1), replace);
  if (namespace === 'var' && rest.length === 1) return variables(model, replace);
  return [];
}

function starters(replace: Span): Candidate[] {
  return namespaces.map((n) => ({ label: `.spectro.${n.name}`, kind: 'namespace', documentation: n.doc, insertText: `.spectro.${n.name}.`, replace, retrigger: true }));
}

function packNames(model: ProfileModel | undefined, replace: Span): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const pack of model?.packs ?? []) {
    const name = pack.name?.type === 'string' ? pack.name.value : undefined;
    if (!name || out.has(name)) continue;
    const detail = [pack.layer?.value, pack.tag?.value].filter(Boolean).join(' ');
    out.set(name, { label: name, kind: 'pack', detail: detail || undefined, documentation: `Layer \`${name}\` of this profile; type \`.\` for its values.`, replace, sortText: String(pack.index).padStart(4, '0') });
  }
  return [...out.values()];
}

/** The keys right under `parent` in the pack's values: one segment at a time, like a file path. */
function packPaths(model: ProfileModel | undefined, name: string, parent: string[], replace: Span): Candidate[] {
  const out = new Map<string, Candidate>();
  const depth = parent.length;
  for (const pack of model?.packs ?? []) {
    if (pack.name?.value !== name || !pack.values?.doc) continue;
    for (const entry of valuesTree(pack.values.doc).entries) {
      const segs = entry.segments;
      if (segs.length !== depth + 1 || typeof segs[depth] !== 'string' || out.has(segs[depth] as string)) continue;
      if (!parent.every((p, i) => segs[i] === p)) continue;
      const label = segs[depth] as string;
      const leaf = !entry.container;
      out.set(label, {
        label,
        kind: leaf ? 'value' : 'path',
        detail: leaf ? preview(entry.value) : entry.container === 'seq' ? 'list' : 'mapping',
        documentation: `\`.spectro.pack.${name}.${entry.path}\``,
        replace,
      });
    }
  }
  return [...out.values()];
}

function systemPaths(parent: string[], replace: Span): Candidate[] {
  const prefix = parent.length ? parent.join('.') + '.' : '';
  const out = new Map<string, Candidate>();
  for (const macro of systemMacros) {
    if (!macro.startsWith(prefix)) continue;
    const rest = macro.slice(prefix.length).split('.');
    const label = rest[0];
    const leaf = rest.length === 1;
    const known = out.get(label);
    if (known && (known.kind === 'macro' || !leaf)) continue;
    out.set(label, { label, kind: leaf ? 'macro' : 'path', detail: leaf ? `.spectro.system.${macro}` : `.spectro.system.${prefix}${label}.*`, replace });
  }
  return [...out.values()];
}

function variables(model: ProfileModel | undefined, replace: Span): Candidate[] {
  const out: Candidate[] = [];
  for (const v of model?.variables ?? []) {
    if (v.name?.type !== 'string' || !v.name.value) continue;
    const lines = [v.displayName?.value && `**${v.displayName.value}**`, v.description?.value, v.format?.value && `Format: \`${v.format.value}\``, v.defaultValue?.value && `Default: \`${v.defaultValue.value}\``];
    out.push({ label: v.name.value, kind: 'variable', detail: v.format?.value ? `profile variable (${v.format.value})` : 'profile variable', documentation: lines.filter(Boolean).join('\n\n') || undefined, replace });
  }
  return out;
}

function preview(value: unknown): string {
  const text = value === null || value === undefined ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
