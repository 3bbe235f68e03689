// "Apply Version to Cluster" (rollback too): per cluster its own plan, the review, Palette's refusals, the repave approval, overrides carried, history.
import * as vscode from 'vscode';
import { droppedSentence, executeApply, prepareApply, type ApplyPreparation } from '../../../server/src/backend/flows';
import type { ApplyRecord, ApplyRequest, Backend, ClusterInfo, RepavePrediction, VersionRef } from '../../../server/src/backend/types';
import { impactPhrases } from '../../../server/src/core/plan/labels';
import { clusterArgs, confirmModal, isCancelled, pickClusters, pickVersion, refArg, reportError, trusted, withProgress, type CommandEnv } from './common';
import { rollUp } from './summary';

export const approveRepave = 'Approve repave and apply';
const reviewFirst = 'Review Changes';
const backToReview = 'Back to the Review';
export const acceptDropped = 'Drop the overrides and apply';
const reviewCommand = 'paletteProfileStudio.reviewChanges';

export type ApplyOutcome =
  | { cluster: string; status: 'applied'; record: ApplyRecord }
  | { cluster: string; status: 'refused'; reasons: string[] }
  | { cluster: string; status: 'review-opened' | 'declined' | 'failed'; message?: string };

interface ApplyArgs {
  clusters?: string[];
  version?: VersionRef;
  /** The review panel's pending draft: the text to apply, as reviewed (conflicts resolved there). */
  pendingUri?: vscode.Uri;
  reviewed: boolean;
}

function readArgs(arg: unknown, selection: unknown): ApplyArgs {
  const r = (arg && typeof arg === 'object' ? arg : {}) as Record<string, unknown>;
  const isClusterNode = r.kind === 'cluster' || r.kind === 'detail' || r.kind === 'override';
  const pendingUri = r.pendingUri instanceof vscode.Uri ? r.pendingUri : typeof r.pendingUri === 'string' ? vscode.Uri.parse(r.pendingUri) : undefined;
  return {
    clusters: clusterArgs(arg, selection),
    // A Profiles view node or `{version}`; a cluster node's `cluster` is not a version.
    version: isClusterNode ? undefined : refArg(arg),
    pendingUri,
    reviewed: r.reviewed === true,
  };
}

/** The version picker marks each version against what the clusters run, so a rollback reads as one. */
function describeAgainst(clusters: ClusterInfo[]) {
  return (v: VersionRef & { revision: number }): string | undefined => {
    const on = clusters.filter((c) => c.profile?.name === v.name && c.profile.version === v.version);
    if (on.length === 0) return undefined;
    const pending = on.filter((c) => c.updatesAvailable).map((c) => c.name);
    return `current on ${on.map((c) => c.name).join(', ')}${pending.length ? ` · pending update for ${pending.join(', ')}` : ''}`;
  };
}

async function reviewAvailable(): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(reviewCommand);
}

function refusalMessage(prep: ApplyPreparation, cluster: string, to: VersionRef): string {
  return `Cannot apply ${to.name} ${to.version} to ${cluster}: ${prep.refusals.map((r) => r.message).join(' ')}`;
}

/**
 * Arguments: nothing (asks), a Clusters view node or selection, a Profiles view version node, or
 * `{cluster | clusters, version: {name, version}, pendingUri?, reviewed?}` (the review panel's Apply).
 * Returns one outcome per cluster.
 */
export function applyVersionCommand(env: CommandEnv) {
  return async (arg?: unknown, selection?: unknown): Promise<ApplyOutcome[]> => {
    if (!trusted('Applying a version')) return [];
    const outcomes: ApplyOutcome[] = [];
    try {
      const args = readArgs(arg, selection);
      const backend = await env.manager.get({ ask: true });
      const all = await backend.listClusters();
      const clusters = args.clusters
        ? args.clusters.map((name) => all.find((c) => c.name === name) ?? ({ name } as ClusterInfo))
        : await pickClusters(backend, { title: args.version ? `Apply ${args.version.name} ${args.version.version} to` : 'Apply a version to', many: true, forUpdate: true, only: args.version ? (c) => !c.profile || c.profile.name === args.version!.name : undefined });
      if (!clusters?.length) return [];
      const profileNames = [...new Set(clusters.map((c) => c.profile?.name).filter((n): n is string => Boolean(n)))];
      const version =
        args.version ??
        (await pickVersion(backend, { title: `Version to apply to ${clusters.map((c) => c.name).join(', ')}`, name: profileNames.length === 1 ? profileNames[0] : undefined, describe: describeAgainst(clusters) }));
      if (!version) return [];
      const pendingText = args.pendingUri ? (await vscode.workspace.openTextDocument(args.pendingUri)).getText() : undefined;
      const review = !args.reviewed && clusters.length === 1 && (await reviewAvailable());
      for (const cluster of clusters) outcomes.push(await applyOne(env, backend, cluster.name, version, { pendingText, reviewed: args.reviewed, review, many: clusters.length > 1 }));
    } catch (error) {
      reportError(env, 'Apply Version to Cluster', error);
    } finally {
      env.views.model.refresh();
    }
    return outcomes;
  };
}

function requestOf(prep: ApplyPreparation): ApplyRequest {
  return { cluster: prep.cluster.name, to: prep.to, overrides: prep.overrides, variables: prep.variables, impact: prep.plan.impact, repaveApproved: false };
}

/** Palette's `validate/repave` (only the API backend has it); a failure there is logged, not fatal: our plan still stands. */
async function serverPrediction(env: CommandEnv, backend: Backend, prep: ApplyPreparation): Promise<RepavePrediction | undefined> {
  if (!backend.validateRepave) return undefined;
  try {
    return await withProgress(`Asking Palette whether ${prep.cluster.name} repaves`, (signal) => backend.validateRepave!(prep.cluster.name, requestOf(prep), signal));
  } catch (error) {
    env.output.warn(`[apply] Palette's repave prediction for ${prep.cluster.name} failed: ${(error as Error).message}`);
    return undefined;
  }
}

function predictionLine(prep: ApplyPreparation, server: RepavePrediction | undefined): string {
  if (!server) return '';
  const theirs = server.repave ? `repave${server.reasons.length ? ` (${server.reasons.join('; ')})` : ''}` : 'no repave';
  const agree = server.repave === prep.needsRepaveApproval;
  return `\n\n${agree ? '' : '⚠ '}Palette's own prediction: ${theirs}; this plan: ${prep.needsRepaveApproval ? 'repave' : 'no repave'}.${agree ? '' : ' They disagree: check the changes before applying.'}`;
}

/**
 * A repave is approved deliberately: the modal's default (first) button looks at the changes instead,
 * and with several clusters in one go each repave is approved by typing the cluster's name.
 */
async function approveRepaveOf(cluster: string, to: VersionRef, message: string, detail: string, options: { reviewed: boolean; many: boolean }): Promise<boolean> {
  if (options.many) {
    const typed = await vscode.window.showInputBox({
      title: `${message} Approve the repave?`,
      prompt: `Type ${cluster} to approve its repave; Escape leaves it on its current version. ${detail.split('\n\n')[0]}`,
      placeHolder: cluster,
      ignoreFocusOut: true,
      validateInput: (value) => (value === cluster || value === '' ? undefined : `Type ${cluster} exactly to approve.`),
    });
    return typed === cluster;
  }
  const look = options.reviewed ? backToReview : reviewFirst;
  const pick = await vscode.window.showWarningMessage(message, { modal: true, detail }, look, approveRepave);
  if (pick === reviewFirst && (await reviewAvailable())) await vscode.commands.executeCommand(reviewCommand, { cluster, version: { name: to.name, version: to.version } });
  return pick === approveRepave;
}

async function applyOne(env: CommandEnv, backend: Backend, cluster: string, to: VersionRef, options: { pendingText?: string; reviewed: boolean; review: boolean; many: boolean }): Promise<ApplyOutcome> {
  try {
    const prep = await withProgress(`Planning ${to.name} ${to.version} for ${cluster}`, (signal) => prepareApply(backend, cluster, to, { pendingText: options.pendingText, signal }));
    if (prep.problems.length) throw new Error(prep.problems.join(' '));
    if (prep.refused) {
      const message = refusalMessage(prep, cluster, to);
      void vscode.window.showErrorMessage(message);
      env.output.warn(`[apply] ${message}`);
      return { cluster, status: 'refused', reasons: prep.refusals.map((r) => r.message) };
    }
    const from = prep.from ? `${prep.from.name} ${prep.from.version}` : 'nothing';
    const warnings = prep.warnings.length ? `\n\n${prep.warnings.map((w) => `⚠ ${w.message}`).join('\n')}` : '';
    if (options.review) {
      // The review panel shows the plan; its Apply button comes back here with `reviewed: true`.
      await vscode.commands.executeCommand(reviewCommand, { cluster, version: { name: to.name, version: to.version } });
      return { cluster, status: 'review-opened' };
    }
    if (!options.reviewed) {
      const kind = prep.pendingUpdate ? ' (the pending update)' : prep.rollback ? ' (rollback)' : '';
      const detail = `${rollUp(prep.summary, `what ${cluster} runs (${from})`)}${warnings}`;
      if (!(await confirmModal(`Apply ${to.name} ${to.version}${kind} to ${cluster}?`, detail, 'Apply'))) return { cluster, status: 'declined' };
    } else if (warnings && !prep.needsRepaveApproval) {
      void vscode.window.showWarningMessage(`${cluster}: ${prep.warnings.map((w) => w.message).join(' ')}`);
    }
    const server = await serverPrediction(env, backend, prep);
    // Palette's own prediction is asked for beside ours; a repave either side sees needs the approval.
    // A repave an earlier apply left Pending (it switched the cluster, its approval failed) is approved the same way.
    const repaves = prep.needsRepaveApproval || prep.repavePending || server?.repave === true;
    if (repaves) {
      const pendingReason = prep.repavePending ? `${cluster} already runs ${to.name} ${to.version} and its repave is Pending approval in Palette: an earlier apply switched it and its approval did not go through. Approving finishes that apply.` : undefined;
      const reason = prep.repaveReason ?? pendingReason ?? `Palette predicts that applying ${to.name} ${to.version} repaves ${cluster}: ${server?.reasons.join('; ') || 'no reason given'}.`;
      const detail = `${reason}\n\nEach node is drained and re-imaged in turn; workloads move while it happens.${predictionLine(prep, server)}${warnings}`;
      if (!(await approveRepaveOf(cluster, to, `Applying ${to.name} ${to.version} repaves ${cluster}.`, detail, options))) {
        env.output.info(`[apply] repave of ${cluster} not approved; nothing applied`);
        return { cluster, status: 'declined' };
      }
    } else if (server && !server.repave && prep.needsRepaveApproval !== server.repave) {
      void vscode.window.showWarningMessage(predictionLine(prep, server).trim());
    }
    // An override the target cannot carry is lost for good: the user accepts that by name, or nothing is applied.
    if (prep.dropped.length) {
      const n = prep.dropped.length;
      const detail = `${droppedSentence(prep)}\n\nThe cluster's values for ${n === 1 ? 'it' : 'them'} are not kept anywhere after this apply.`;
      if (!(await confirmModal(`Applying ${to.name} ${to.version} drops ${n} override${n === 1 ? '' : 's'} of ${cluster}.`, detail, acceptDropped, 'warning'))) {
        env.output.info(`[apply] dropping ${n} override${n === 1 ? '' : 's'} of ${cluster} not accepted; nothing applied`);
        return { cluster, status: 'declined' };
      }
    }
    const record = await withProgress(`Applying ${to.name} ${to.version} to ${cluster}`, (signal) =>
      // Only Palette saw the repave: executeApply would not pass the approval on, so the request says it.
      repaves && !prep.needsRepaveApproval ? backend.apply({ ...requestOf(prep), repaveApproved: true }, signal) : executeApply(backend, prep, { approveRepave: repaves, acceptDropped: prep.dropped.length > 0, pendingText: options.pendingText, signal }),
    );
    const kept = Object.keys(prep.overrides).length;
    const message = `${record.result === 'applied' ? 'Applied' : 'Failed to apply'} ${to.name} ${to.version} to ${cluster} (${impactPhrases[record.impact]}${record.repaveApproved ? ', repave approved' : ''}${kept ? `, ${kept} pack override${kept === 1 ? '' : 's'} kept` : ''}).${record.message ? ` ${record.message}` : ''}`;
    if (record.result === 'applied') void vscode.window.showInformationMessage(message);
    else void vscode.window.showErrorMessage(message);
    return record.result === 'applied' ? { cluster, status: 'applied', record } : { cluster, status: 'failed', message: record.message };
  } catch (error) {
    if (!isCancelled(error) || !options.many) reportError(env, `Apply to ${cluster}`, error);
    return { cluster, status: 'failed', message: (error as Error).message };
  }
}
