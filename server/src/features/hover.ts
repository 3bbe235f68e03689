// Hover: what a key, value, macro or pack tag means here: schema words, the baseline's value, the planned impact, the rule for this cluster kind.
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analysis } from '../core/analyze';
import { changesAt } from '../core/explain/changesAt';
import { explainProfileAt, type Explanation } from '../core/explain/explain';
import { renderExplanation } from '../core/explain/markdown';
import { explainPackFileAt } from '../core/explain/packFile';
import type { ProfileModel } from '../core/parse/profile';
import { clusterKindOf, namedClusterKinds } from '../core/plan/clusterKind';
import type { ClusterKind, ImpactedChange } from '../core/plan/model';
import type { ProfileContext } from '../context';
import type { FeatureContext } from './context';
import { describe } from './inlayHints';

export async function hover(features: FeatureContext, document: TextDocument, params: HoverParams): Promise<Hover | null> {
  const analysis = features.store.analyze(document);
  const offset = document.offsetAt(params.position);
  const found = analysis.profile ? await profileHover(features, document, analysis.profile, offset) : await packFileHover(features, document, analysis, offset);
  if (!found) return null;
  return {
    contents: { kind: 'markdown', value: renderExplanation(found.explanation, { changes: found.changes, describeChange: describe }) },
    range: { start: document.positionAt(found.explanation.span.start), end: document.positionAt(found.explanation.span.end) },
  };
}

async function profileHover(features: FeatureContext, document: TextDocument, profile: ProfileModel, offset: number): Promise<{ explanation: Explanation; changes: ImpactedChange[] } | undefined> {
  // A context of an older version still has the right baseline; only a first hover waits for one.
  const context = features.contexts.latest(document.uri) ?? (await features.contexts.get(document));
  const baseline = context?.baseline.profile ? { profile: context.baseline.profile, label: context.baseline.info.label } : undefined;
  const kind = clusterKind(features, profile, context);
  const explanation = explainProfileAt(profile, offset, { baseline, kind });
  if (!explanation) return undefined;
  const plan = context?.plan ? { changes: context.plan.changes, fresh: context.version === document.version } : undefined;
  return { explanation, changes: changesAt(explanation, plan, profile, kind) };
}

/** The plan's kind (it weighs the baseline, a cluster record and the setting); without a plan, the setting over the profile's own answer. */
function clusterKind(features: FeatureContext, profile: ProfileModel, context: ProfileContext | undefined): ClusterKind {
  if (context?.plan) return context.plan.target.clusterKind;
  const setting = features.settings().clusterKind;
  return clusterKindOf(context?.baseline.profile ?? profile, {}, setting === 'auto' ? {} : namedClusterKinds[setting]);
}

async function packFileHover(features: FeatureContext, document: TextDocument, analysis: Analysis, offset: number): Promise<{ explanation: Explanation; changes: [] } | undefined> {
  if (analysis.kind === 'unknown') return undefined;
  const schemaText = analysis.kind === 'pack-values' ? await siblingText(features, document, 'schema.yaml') : undefined;
  const explanation = explainPackFileAt(analysis.kind, analysis.doc, offset, { schemaText });
  return explanation && { explanation, changes: [] };
}

/** A file beside this one, from its open editor when there is one. */
async function siblingText(features: FeatureContext, document: TextDocument, name: string): Promise<string | undefined> {
  if (!document.uri.startsWith('file:')) return undefined;
  const path = join(dirname(fileURLToPath(document.uri)), name);
  const open = features.store.documents.get(pathToFileURL(path).toString());
  return open ? open.getText() : readFile(path, 'utf8').catch(() => undefined);
}
