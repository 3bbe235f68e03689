// Gives each change its upgrade impact by finding the first rule row that matches it, for the kind of cluster being updated.
import { impactRank, type Classification, type ClusterKind, type ImpactedChange, type ProfileChange } from './model';
import { rules, type RuleRow } from './rules';
import type { UriDependencies } from './uriDeps';

export interface RuleContext {
  kind: ClusterKind;
  uri: UriDependencies;
}

type Segment = '**' | '*' | Set<string>;
const compiled = new Map<string, Segment[]>();

function compile(pattern: string): Segment[] {
  let segs = compiled.get(pattern);
  if (!segs) {
    // Patterns split at dots, so an alternative cannot hold a dot; the tables never need one.
    segs = pattern.split('.').map((s): Segment => (s === '**' || s === '*' ? s : new Set(s.startsWith('{') && s.endsWith('}') ? s.slice(1, -1).split(',') : [s])));
    compiled.set(pattern, segs);
  }
  return segs;
}

export function globMatch(pattern: string, keys: readonly string[]): boolean {
  const segs = compile(pattern);
  const at = (i: number, j: number): boolean => {
    if (i === segs.length) return j === keys.length;
    const s = segs[i];
    if (s === '**') {
      for (let k = j; k <= keys.length; k++) if (at(i + 1, k)) return true;
      return false;
    }
    if (j === keys.length) return false;
    return (s === '*' || s.has(keys[j])) && at(i + 1, j + 1);
  };
  return at(0, 0);
}

/** Every key path a change reaches: itself, or for a whole subtree each leaf under it, so a subtree gets its worst leaf's impact. */
function keyPaths(change: ProfileChange): string[][] {
  if (change.part !== 'values' && change.part !== 'manifest') return [change.keyPath];
  const out = new Map<string, string[]>();
  const visit = (value: unknown, keys: string[]) => {
    if (Array.isArray(value) && value.length > 0) value.forEach((v) => visit(v, keys));
    else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) visit(v, [...keys, k]);
    } else out.set(keys.join('\u0000'), keys);
  };
  // A reordered named list has the names as its before and after; those are not keys.
  if (Array.isArray(change.before) && Array.isArray(change.after) && change.before.every((v) => typeof v === 'string')) return [change.keyPath];
  if (change.before !== undefined) visit(change.before, change.keyPath);
  if (change.after !== undefined) visit(change.after, change.keyPath);
  return out.size > 0 ? [...out.values()] : [change.keyPath];
}

function inScope(row: RuleRow, change: ProfileChange, ctx: RuleContext): boolean {
  const s = row.scope;
  if (s.edge !== undefined && s.edge !== ctx.kind.edge) return false;
  if (s.layers && !s.layers.includes(change.layer)) return false;
  if (s.distributions && !s.distributions.includes(ctx.kind.distribution)) return false;
  return (s.parts ?? ['values']).includes(change.part);
}

export function classifyChange(change: ProfileChange, ctx: RuleContext): Classification {
  const rows = rules.filter((row) => inScope(row, change, ctx));
  let best: Classification | undefined;
  for (const keys of keyPaths(change)) {
    for (const row of rows) {
      if (!globMatch(row.match, keys)) continue;
      const via = condition(row, change, keys, ctx);
      if (via === false) continue;
      const found: Classification = { impact: row.impact, certainty: row.certainty, reason: fill(row.reason, change, keys, ctx, via), source: row.source, rule: row.id };
      if (row.quote) found.quote = row.quote;
      if (!best || impactRank(found.impact) > impactRank(best.impact) || (found.impact === best.impact && found.certainty === 'documented' && best.certainty === 'possible')) best = found;
      break;
    }
  }
  return best ?? { impact: 'redeploy', certainty: 'possible', reason: 'No rule matched this change', source: rules[rules.length - 1].source, rule: 'none' };
}

/** False when the row's condition does not hold; otherwise the macro references passed through, for the reason. */
function condition(row: RuleRow, change: ProfileChange, keys: string[], ctx: RuleContext): string[] | false {
  if (row.when === 'usedByUri') return ctx.uri.find(change.pack, keys)?.via ?? false;
  if (row.when === 'uriUsesKubernetesVersion') return ctx.uri.usesKubernetesVersion ? ctx.uri.kubernetesVia : false;
  return [];
}

function fill(reason: string, change: ProfileChange, keys: string[], ctx: RuleContext, via: string[]): string {
  const path = keys.join('.') || change.path || change.pack;
  const subject = ctx.uri.uriPack === undefined || change.pack === ctx.uri.uriPack ? path : `${change.pack} ${path}`;
  const through = via.length > 0 ? ` (through ${via.join(', ')})` : '';
  const words: Record<string, string> = { path, pack: change.pack, layer: change.layer || '(no)', subject, via: through, before: text(change.before), after: text(change.after) };
  return reason.replace(/\{(path|pack|layer|subject|via|before|after)\}/g, (_, key: string) => words[key]);
}

function text(value: unknown): string {
  if (value === undefined) return 'none';
  if (value !== null && typeof value === 'object') {
    // A whole pack added or removed carries its name and tag.
    const pack = value as { name?: unknown; tag?: unknown };
    return [pack.name, pack.tag].filter((v) => v !== undefined).join(' ') || 'a value';
  }
  return String(value);
}

export function classifyChanges(changes: readonly ProfileChange[], ctx: RuleContext): ImpactedChange[] {
  return changes.map((c) => ({ ...c, ...classifyChange(c, ctx) }));
}
