// Code actions: quote a variable, pin a floating tag, bump the version, revert a change to the baseline, fix an enum value.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OffsetEdit } from '../core/actions/edits';
import { enumChoices, enumEdit } from '../core/actions/enumFix';
import { isJsonText } from '../core/fileKind';
import { quoteVariableEdit } from '../core/actions/quoteVariable';
import { revertEdits } from '../core/actions/revert';
import { revertTitle } from '../core/actions/revertTitle';
import { bumpEdit, bumps, newestInLine, pinTagEdit } from '../core/actions/versions';
import type { ProfileModel } from '../core/parse/profile';
import { isFloatingTag } from '../core/plan/semver';
import type { Span } from '../core/types';
import { clientCommands } from '../protocol';
import type { FeatureContext } from './context';

export const codeActionKinds = [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite];

/** A selection over a whole file would plan hundreds of reverts; the nearest ones are enough. */
const maxReverts = 8;
const maxEnumChoices = 20;
const reverts = new WeakMap<object, Map<string, OffsetEdit[] | undefined>>();

export async function codeActions(features: FeatureContext, document: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
  const kind = features.store.kindOf(document);
  const analysis = features.store.analyze(document);
  const model = kind === 'profile' ? analysis.profile : undefined;
  const text = document.getText();
  const spanOf = (range: Range): Span => ({ start: document.offsetAt(range.start), end: document.offsetAt(range.end) });
  const action = (title: string, actionKind: string, edits: OffsetEdit[], extra: Partial<CodeAction> = {}): CodeAction => ({
    title,
    kind: actionKind,
    edit: { changes: { [document.uri]: edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText })) } },
    ...extra,
  });
  const out: CodeAction[] = [];
  const diagnostics = params.context.diagnostics.filter((d) => d.source === undefined || d.source === 'palette');
  // Save-time requests ask for `source.*` kinds only; work that no asked kind can use is skipped.
  const only = params.context.only?.length ? params.context.only : undefined;
  const wants = (k: string) => !only || only.some((o) => k === o || k.startsWith(`${o}.`));

  // A JSON export: its edits would be YAML text inside JSON strings; what it offers is becoming YAML.
  if (model && isJsonText(text)) {
    const title = 'Convert to Profile YAML';
    return wants(CodeActionKind.Refactor) ? [{ title, kind: CodeActionKind.Refactor, command: { title, command: clientCommands.convertToProfileYaml, arguments: [document.uri] } }] : [];
  }

  for (const d of wants(CodeActionKind.QuickFix) ? diagnostics : []) {
    const span = spanOf(d.range);
    if (d.code === 'variable-unquoted' && model) {
      const edit = quoteVariableEdit(model, span);
      if (edit) out.push(action(`Single-quote the value holding ${text.slice(span.start, span.end)}`, CodeActionKind.QuickFix, [edit], { diagnostics: [d], isPreferred: true }));
    } else if (d.code === 'schema' || d.code === 'constraint-format') {
      const current = text.slice(span.start, span.end).replace(/^(["'])(.*)\1$/s, '$2');
      const found = enumChoices(String(d.code), typeof d.message === 'string' ? d.message : d.message.value, current);
      for (const choice of found?.choices.slice(0, maxEnumChoices) ?? []) {
        const edit = enumEdit(text, model, span, choice, kind === 'pack-json');
        if (edit) out.push(action(`Change to '${choice}'`, CodeActionKind.QuickFix, [edit], { diagnostics: [d], isPreferred: choice === found?.suggested }));
      }
    }
  }

  if (model && (wants(CodeActionKind.QuickFix) || wants(CodeActionKind.RefactorRewrite))) {
    const range = spanOf(params.range);
    const onLines = (span: Span) => overlaps(lines(text, span), range);
    const context = await features.contexts.get(document);
    out.push(...(await pinTags(features, model, context?.baseline.profile, onLines, diagnostics, spanOf, action)));
    if (model.version && onLines(model.version.span)) {
      const taken = diagnostics.filter((d) => d.code === 'version-exists');
      for (const bump of bumps) {
        const next = bumpEdit(model, bump);
        if (next) out.push(action(`Bump version to ${next.version} (${bump})`, taken.length > 0 ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite, [next.edit], taken.length > 0 ? { diagnostics: taken } : {}));
      }
    }
    // Against a cluster the plan compares what it runs (overrides included), which the file alone cannot be set back to.
    const plan = context?.plan;
    const baseline = context?.baseline.profile;
    if (plan && baseline && !context.baseline.cluster && wants(CodeActionKind.RefactorRewrite)) {
      const near = plan.changes.filter((c) => c.pendingSpan && c.part !== 'manifest' && !(c.part === 'profile' && c.path === 'version') && onLines(c.pendingSpan));
      near.sort((a, b) => distance(a.pendingSpan!, range) - distance(b.pendingSpan!, range));
      // The lightbulb asks again at every cursor move; a context stands for one version against one baseline.
      let known = reverts.get(context);
      if (!known) reverts.set(context, (known = new Map()));
      for (const change of near.slice(0, maxReverts)) {
        const key = JSON.stringify([change.part, change.pack, change.layer, change.path, change.pendingSpan]);
        if (!known.has(key)) known.set(key, revertEdits(baseline, model, change, plan.changes));
        const edits = known.get(key);
        if (edits) out.push(action(revertTitle(change), CodeActionKind.RefactorRewrite, edits));
      }
    }
  }
  return out.filter((a) => wants(a.kind ?? ''));
}

type Make = (title: string, kind: string, edits: OffsetEdit[], extra?: Partial<CodeAction>) => CodeAction;

/** Floating tags on the requested lines, pinned to the newest exact version the workspace's pack folders or the baseline know. */
async function pinTags(features: FeatureContext, model: ProfileModel, baseline: ProfileModel | undefined, onLines: (span: Span) => boolean, diagnostics: Diagnostic[], spanOf: (r: Range) => Span, action: Make): Promise<CodeAction[]> {
  const out: CodeAction[] = [];
  for (const pack of model.packs) {
    const tag = pack.tag;
    const name = pack.name?.value;
    if (!tag || !name || !isFloatingTag(tag.value) || !onLines(tag.span)) continue;
    const known = [...(await features.workspace.packs()).filter((p) => p.name === name && p.version).map((p) => p.version!), ...(baseline?.packs ?? []).filter((p) => p.name?.value === name && p.tag).map((p) => p.tag!.value)];
    const version = newestInLine(tag.value, known);
    const edit = version ? pinTagEdit(model, pack, version) : undefined;
    if (!version || !edit) continue;
    const related = diagnostics.filter((d) => d.code === 'floating-tag' && overlaps(spanOf(d.range), tag.span));
    const extra = related.length > 0 ? { diagnostics: related, isPreferred: true } : { isPreferred: true };
    out.push(action(`Pin ${name} to ${version} (newest known of ${tag.value})`, related.length > 0 ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite, [edit], extra));
  }
  return out;
}

/** The whole lines a span touches, so a cursor anywhere on a changed line finds the change. */
function lines(text: string, span: Span): Span {
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  const last = span.end > span.start ? span.end - 1 : span.end;
  const end = text.indexOf('\n', last);
  return { start, end: end < 0 ? text.length : end };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function distance(span: Span, range: Span): number {
  return span.start > range.end ? span.start - range.end : span.end < range.start ? range.start - span.end : 0;
}
