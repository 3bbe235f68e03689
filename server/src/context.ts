// A profile's analysis joined with its baseline and the plan between them, once per document version.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './core/analyze';
import { clusterView } from './core/cluster/view';
import { namedClusterKinds } from './core/plan/clusterKind';
import { carryPlan } from './core/plan/carry';
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
  /**
   * Set while the file does not parse: `plan` is that of the last version that did (this version
   * number), moved to where its keys are now; the packs the edits touched are in `plan.unchecked`.
   */
  carriedFrom?: number;
}

export class ContextService {
  private readonly cache = new Map<string, { version: number; baseline: ResolvedBaseline; context: ProfileContext }>();
  /** Per document, the last context computed from a version whose YAML parsed. */
  private readonly good = new Map<string, ProfileContext>();

  constructor(
    private readonly store: DocumentStore,
    private readonly baselines: BaselineService,
    private readonly settings: () => ServerSettings,
  ) {}

  /** Undefined for anything but a profile. */
  async get(document: TextDocument): Promise<ProfileContext | undefined> {
    if (this.store.kindOf(document) !== 'profile') return undefined;
    // The document object is updated in place by later edits: the version is the one this analysis is of.
    const version = document.version;
    const analysis = this.store.analyze(document);
    const parses = this.parses(analysis);
    // While the file does not parse, its name and version may read wrong: keep comparing with what it was compared with.
    const kept = parses ? undefined : this.good.get(document.uri)?.baseline;
    const baseline = kept ?? (await this.baselines.resolve({ uri: document.uri, name: analysis.profile?.name?.value, version: analysis.profile?.version?.value }));
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === version && cached.baseline === baseline) return cached.context;
    // The document may have moved on while the baseline was read; answer for what was asked.
    const context = parses ? this.compute(version, analysis, baseline) : this.carry(document.uri, version, analysis, baseline);
    if (this.store.documents.get(document.uri)?.version === version) {
      this.cache.set(document.uri, { version, baseline, context });
      if (context.plan && context.carriedFrom === undefined) this.good.set(document.uri, context);
    }
    return context;
  }

  /** The last context computed for a document, possibly of an older version; never waits. */
  latest(uri: string): ProfileContext | undefined {
    return this.cache.get(uri)?.context;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.good.delete(uri);
  }

  /** Settings or the workspace changed: everything is computed again, but the last plan that parsed stays the fallback. */
  clear(): void {
    this.cache.clear();
  }

  /** Whether the outer YAML parsed: a half-typed line can turn the rest of the file into something else. */
  private parses(analysis: Analysis): boolean {
    return !analysis.profile?.doc || analysis.profile.doc.errors.length === 0;
  }

  /**
   * The file does not parse: the last good plan against the same baseline, moved past the edits;
   * without one, no plan (the lenses say so) rather than predictions for keys nobody touched.
   */
  private carry(uri: string, version: number, analysis: Analysis, baseline: ResolvedBaseline): ProfileContext {
    const context: ProfileContext = { version, analysis, baseline, findings: [] };
    const good = this.good.get(uri);
    const goodModel = good?.analysis.profile;
    const text = analysis.profile?.text;
    if (!good?.plan || good.baseline !== baseline || !goodModel || text === undefined) return context;
    const carried = carryPlan(good.plan, goodModel, goodModel.text, text);
    context.plan = carried.plan;
    context.summary = summarizePlan(carried.plan);
    context.carriedFrom = good.version;
    // Diagnostics stay those of this text alone (a fresh open of it gets the same): update checks wait until it parses.
    return context;
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
