// Renders an explanation as hover markdown; the caller passes how a planned change is worded, so hovers and inlay hints say the same.
import { impactLabels } from '../plan/labels';
import type { ImpactedChange } from '../plan/model';
import { sameValue, type Shown } from './baselineAt';
import type { Explanation } from './explain';
import type { MacroExplanation } from './macro';
import type { RuleAt } from './rulesAt';
import type { SchemaDoc } from './schemaDocs';

export interface RenderOptions {
  /** The planned changes at this place, already picked (see changesAt). */
  changes?: readonly ImpactedChange[];
  describeChange?: (change: ImpactedChange) => string;
}

const maxChanges = 5;

export function renderExplanation(e: Explanation, options: RenderOptions = {}): string {
  const sections: string[] = [];
  const head = [`**\`${e.title}\`**${e.where ? ` · ${e.where}` : ''}`];
  if (e.macro) head.push(...macroLines(e.macro));
  if (e.schema) head.push(...schemaLines(e.schema));
  if (e.constraint) head.push(`Constraint (schema.yaml): \`${e.constraint}\``);
  if (e.value && !e.macro) head.push(`Value: ${code(e.value)}`);
  if (e.baseline) head.push(baselineLine(e));
  if (e.tag) head.push(...e.tag.notes);
  const changes = options.changes ?? [];
  if (changes.length > 0 && options.describeChange) {
    // What this change will do comes first; the key's generic words (its schema's upgrade behavior) after it.
    const shown = changes.slice(0, maxChanges).map(options.describeChange);
    if (changes.length > maxChanges) shown.push(`…and ${changes.length - maxChanges} more changes here.`);
    sections.push(shown.join('\n\n---\n\n'));
    sections.push(head.join('\n\n'));
  } else {
    sections.push(head.join('\n\n'));
    if (e.rules && e.rules.rules.length > 0) sections.push(rulesText(e.rules.kind, e.rules.subject, e.rules.rules));
  }
  return sections.join('\n\n---\n\n');
}

function code(shown: Shown): string {
  if (shown.kind !== 'scalar' && shown.kind !== 'null') return shown.text;
  // A backtick inside the value would end the code span early.
  const fence = shown.text.includes('`') ? '``' : '`';
  return `${fence}${shown.text.replace(/\n/g, '⏎')}${fence}`;
}

function schemaLines(doc: SchemaDoc): string[] {
  const out: string[] = [];
  if (doc.description) out.push(doc.description);
  const facts: string[] = [];
  if (doc.types.length > 0) facts.push(`Type: ${doc.types.join(' | ')}`);
  if (doc.enum) facts.push(`one of ${doc.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (doc.default !== undefined) facts.push(`default \`${String(doc.default)}\``);
  if (facts.length > 0) out.push(`_${facts.join(' · ')}_`);
  return out;
}

function baselineLine(e: Explanation): string {
  const { label, at } = e.baseline!;
  if (!at.found) return at.why === 'no-pack' ? `Baseline (${label}): this pack is not in it (added).` : `Baseline (${label}): not in baseline (added).`;
  const same = sameValue(e.value, at.shown);
  return `Baseline (${label}): ${code(at.shown)}${same ? ' (unchanged)' : ''}`;
}

const valueWords = { resolved: 'Resolves to', default: 'Default value:', here: 'In this profile:' };

function macroLines(m: MacroExplanation): string[] {
  const out = [m.summary];
  if (m.value) out.push(`${valueWords[m.valueIs ?? 'resolved']} ${code(m.value)}${m.from ? `, from ${m.from}` : ''}.`);
  if (m.expanded) out.push(`With its references resolved: ${code({ text: m.expanded, kind: 'scalar' })}`);
  if (m.details.length > 0) out.push(m.details.join(' · '));
  if (m.problem) out.push(`⚠ ${m.problem}`);
  return out;
}

/** "On Edge K3s, changing `stages.boot` would reboot…", one line per distinct rule under a mapping. */
export function rulesText(kind: string, subject: string, rules: readonly RuleAt[]): string {
  const line = (r: RuleAt) => `**${impactLabels[r.impact]}**${r.certainty === 'possible' ? ' (possible)' : ''}: ${r.reason}.${r.quote ? ` The docs: “${r.quote}”` : ''} Rule \`${r.rule}\` · [source](${r.source})`;
  if (rules.length === 1 && rules[0].paths.length <= 1) return `On ${kind}, changing ${quote(subject)}: ${line(rules[0])}`;
  const items = rules.map((r) => `- ${r.paths.length > 1 ? `${r.paths.length} keys such as ` : ''}\`${r.paths[0]}\`: ${line(r)}`);
  return [`On ${kind}, changing keys under ${quote(subject)}:`, ...items].join('\n');
}

function quote(subject: string): string {
  return subject.startsWith('the ') || subject.startsWith('adding ') ? subject : `\`${subject}\``;
}
