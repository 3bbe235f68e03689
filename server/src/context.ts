// A profile's analysis joined with its baseline and the plan between them, once per document version.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './core/analyze';
import { clusterView } from './core/cluster/view';
import { namedClusterKinds } from './core/plan/clusterKind';
import { planUpdate, summarizePlan, type Plan, type PlanSummary } from './core/plan/plan';
import type { Problem, Span } from './core/types';
import type { BaselineService, ResolvedBaseline } from './baseline';
import type { DocumentStore } from './documents';
import type { ServerSettings } from './settings';

export interface ProfileContext {
  version: number;
  analysis: Analysis;
  baseline: ResolvedBaseline;
  /**
   * Baseline → this document. `pendingSpan`s and finding spans are offsets in this document;
   * `currentSpan`s are offsets in `baseline.text`.
   */
  plan?: Plan;
  summary?: PlanSummary;
  /** The plan's findings and, against a cluster, its dropped or conflicting overrides, as problems here. */
  findings: Problem[];
}

export class ContextService {
  private readonly cache = new Map<string, { version: number; baseline: ResolvedBaseline; context: ProfileContext }>();

  constructor(
    private readonly store: DocumentStore,
    private readonly baselines: BaselineService,
    private readonly settings: () => ServerSettings,
  ) {}

  /** Undefined for anything but a profile. */
  async get(document: TextDocument): Promise<ProfileContext | undefined> {
    if (this.store.kindOf(document) !== 'profile') return undefined;
    const analysis = this.store.analyze(document);
    const baseline = await this.baselines.resolve({ uri: document.uri, name: analysis.profile?.name?.value, version: analysis.profile?.version?.value });
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.baseline === baseline) return cached.context;
    // The document may have moved on while the baseline was read; answer for what was asked.
    const context = this.compute(document.version, analysis, baseline);
    if (this.store.documents.get(document.uri)?.version === document.version) this.cache.set(document.uri, { version: document.version, baseline, context });
    return context;
  }

  /** The last context computed for a document, possibly of an older version; never waits. */
  latest(uri: string): ProfileContext | undefined {
    return this.cache.get(uri)?.context;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  private compute(version: number, analysis: Analysis, baseline: ResolvedBaseline): ProfileContext {
    const context: ProfileContext = { version, analysis, baseline, findings: [] };
    const pending = analysis.profile;
    if (!baseline.profile || !pending || !pending.doc) return context;
    const kind = this.settings().clusterKind;
    const clusterKind = kind === 'auto' ? undefined : namedClusterKinds[kind];
    const length = pending.text.length;
    if (baseline.cluster) {
      // Against a cluster: what it runs (with overrides) versus what Apply would send, mapped back to this file.
      const view = clusterView(baseline.profile, pending, baseline.cluster, this.store.limits());
      const plan = planUpdate(view.current, view.pending, { cluster: baseline.cluster, clusterKind });
      const toHere = (span: Span | undefined) => (span ? clamp(view.toPendingFile(span), length) : undefined);
      const toBaseline = (span: Span | undefined) => (span ? view.toCurrentFile(span) : undefined);
      context.plan = {
        ...plan,
        changes: plan.changes.map((c) => ({ ...c, pendingSpan: toHere(c.pendingSpan), currentSpan: toBaseline(c.currentSpan) })),
        findings: plan.findings.map((f) => ({ ...f, span: toHere(f.span), currentSpan: toBaseline(f.currentSpan) })),
      };
      context.findings.push(...view.findings.map((p) => ({ ...p, ...clamp(view.toPendingFile(p), length) })));
    } else {
      context.plan = planUpdate(baseline.profile, pending, { clusterKind });
    }
    context.summary = summarizePlan(context.plan);
    for (const f of context.plan.findings) {
      // A finding about something only the baseline has is shown at the top of this file.
      const span = f.span ?? { start: 0, end: 0 };
      context.findings.push({ ...span, severity: f.severity, code: f.code, message: f.message });
    }
    return context;
  }
}

function clamp(span: Span, length: number): Span {
  const start = Math.min(Math.max(0, span.start), length);
  return { start, end: Math.min(Math.max(start, span.end), length) };
}
