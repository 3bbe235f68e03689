// Resolves what each open profile is compared with: the user's pick, else the newest lower version in the store, the workspace, or git HEAD.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pickBaseline, versionsOf } from './core/baseline/pick';
import { parseClusterRecord, type ClusterFile } from './core/cluster/record';
import { parseProfile, type ProfileModel } from './core/parse/profile';
import type { SyntaxLimits } from './core/syntax';
import type { BaselineCandidate, BaselineChoice, BaselineInfo } from './protocol';
import type { BaselineMode } from './settings';
import type { WorkspaceIndex } from './workspace';

export interface ResolvedBaseline {
  info: BaselineInfo;
  text?: string;
  profile?: ProfileModel;
  /** Set when comparing with a cluster: what it runs is `profile` with these overrides. */
  cluster?: ClusterFile;
}

interface Subject {
  uri: string;
  name?: string;
  version?: string;
}

const gitTimeoutMs = 3000;

export class BaselineService {
  private readonly choices = new Map<string, BaselineChoice>();
  private readonly resolved = new Map<string, { key: string; result: Promise<ResolvedBaseline> }>();
  private readonly parsed = new Map<string, ProfileModel>();
  private generation = 0;

  constructor(
    private readonly workspace: WorkspaceIndex,
    private readonly mode: () => BaselineMode,
    private readonly limits: () => SyntaxLimits,
  ) {}

  choiceOf(uri: string): BaselineChoice {
    return this.choices.get(uri) ?? { kind: 'auto' };
  }

  choose(uri: string, choice: BaselineChoice): void {
    if (choice.kind === 'auto') this.choices.delete(uri);
    else this.choices.set(uri, choice);
    this.resolved.delete(uri);
  }

  /** Files changed on disk or settings changed: every baseline is looked up again. */
  invalidate(): void {
    this.generation++;
    this.resolved.clear();
  }

  forget(uri: string): void {
    this.resolved.delete(uri);
  }

  /** Cached per document until its name or version, its choice, or the workspace changes. */
  resolve(subject: Subject): Promise<ResolvedBaseline> {
    const choice = this.choiceOf(subject.uri);
    const key = JSON.stringify([this.generation, this.mode(), subject.name, subject.version, choice]);
    const cached = this.resolved.get(subject.uri);
    if (cached && cached.key === key) return cached.result;
    const result = this.lookup(subject, choice).catch(
      (error): ResolvedBaseline => ({ info: none(subject.uri, choice, `The baseline could not be read: ${error instanceof Error ? error.message : String(error)}`) }),
    );
    this.resolved.set(subject.uri, { key, result });
    return result;
  }

  async candidates(subject: Subject): Promise<BaselineCandidate[]> {
    const out: BaselineCandidate[] = [{ label: 'Automatic', description: `follow the baseline.mode setting (${this.mode()})`, choice: { kind: 'auto' } }];
    const profiles = await this.workspace.profiles();
    for (const c of subject.name ? versionsOf(subject.name, profiles) : []) {
      if (c.location === pathOf(subject.uri)) continue;
      out.push(c.source === 'store'
        ? { label: `${c.name} ${c.version}`, description: 'published version in the local store', choice: { kind: 'version', name: c.name, version: c.version } }
        : { label: `${c.name} ${c.version}`, description: basename(c.location), choice: { kind: 'file', uri: pathToFileURL(c.location).toString() } });
    }
    for (const cluster of await this.workspace.clusters()) {
      out.push({ label: `Cluster ${cluster.name}`, description: 'its current configuration, with its overrides', choice: { kind: 'cluster', name: cluster.name } });
    }
    out.push({ label: 'Git HEAD', description: 'this file as last committed', choice: { kind: 'git' } });
    out.push({ label: 'Nothing', description: 'no impact predictions', choice: { kind: 'none' } });
    return out;
  }

  private async lookup(subject: Subject, choice: BaselineChoice): Promise<ResolvedBaseline> {
    const { uri } = subject;
    switch (choice.kind) {
      case 'none':
        return { info: none(uri, choice) };
      case 'git':
        return this.fromGit(subject, choice);
      case 'file': {
        const path = pathOf(choice.uri);
        if (!path) return { info: none(uri, choice, 'Only files on disk can be a baseline.') };
        return this.fromText(uri, choice, 'file', await readFile(path, 'utf8'), path);
      }
      case 'version': {
        const same = (await this.workspace.profiles()).filter((c) => c.name === choice.name && c.version === choice.version);
        const found = same.find((c) => c.source === 'store') ?? same[0];
        if (!found) return { info: none(uri, choice, `${choice.name} ${choice.version} is not in the store or the workspace.`) };
        return this.fromText(uri, choice, found.source, await readFile(found.location, 'utf8'), found.location);
      }
      case 'cluster':
        return this.fromCluster(uri, choice);
      case 'snapshot': {
        const resolved = await this.fromText(uri, choice, 'snapshot', choice.text, choice.label);
        return { ...resolved, info: { ...resolved.info, label: choice.label, detail: `${choice.label}, as the review compares it` } };
      }
      case 'auto':
        return this.automatic(subject, choice);
    }
  }

  private async automatic(subject: Subject, choice: BaselineChoice): Promise<ResolvedBaseline> {
    const mode = this.mode();
    if (mode === 'none') return { info: none(subject.uri, choice) };
    if (mode !== 'git') {
      const all = await this.workspace.profiles();
      const allowed = all.filter((c) => mode === 'auto' || c.source === mode);
      const found = pickBaseline(subject.name, subject.version, allowed, pathOf(subject.uri));
      if (found) return this.fromText(subject.uri, choice, found.source, await readFile(found.location, 'utf8'), found.location);
      if (mode !== 'auto') return { info: none(subject.uri, choice, `No lower version of ${subject.name ?? 'this profile'} in the ${mode}.`) };
    }
    return this.fromGit(subject, choice);
  }

  private async fromGit(subject: Subject, choice: BaselineChoice): Promise<ResolvedBaseline> {
    const path = pathOf(subject.uri);
    const text = path ? await gitHead(path) : undefined;
    if (text === undefined) return { info: none(subject.uri, choice, choice.kind === 'git' ? 'This file is not committed in a git repository.' : undefined) };
    return this.fromText(subject.uri, choice, 'git', text, path!);
  }

  private async fromCluster(uri: string, choice: Extract<BaselineChoice, { kind: 'cluster' }>): Promise<ResolvedBaseline> {
    const entry = (await this.workspace.clusters()).find((c) => c.name === choice.name);
    if (!entry) return { info: none(uri, choice, `No cluster named ${choice.name} in the store.`) };
    const { cluster, problems } = parseClusterRecord(await readFile(entry.path, 'utf8'));
    if (!cluster?.profile) return { info: none(uri, choice, problems[0]?.message ?? `Cluster ${choice.name} has no profile attached.`) };
    const { name, version } = cluster.profile;
    const found = (await this.workspace.profiles()).find((c) => c.name === name && c.version === version && c.source === 'store') ?? (await this.workspace.profiles()).find((c) => c.name === name && c.version === version);
    if (!found) return { info: none(uri, choice, `Cluster ${choice.name} runs ${name} ${version}, which is not in the store.`) };
    const resolved = await this.fromText(uri, choice, 'cluster', await readFile(found.location, 'utf8'), found.location);
    resolved.info.label = `${cluster.name} (${name} ${version})`;
    resolved.info.detail = `Cluster ${cluster.name}: ${name} ${version} with its overrides${cluster.status ? `, ${cluster.status}` : ''}`;
    return { ...resolved, cluster };
  }

  private async fromText(uri: string, choice: BaselineChoice, source: BaselineInfo['source'], text: string, path: string): Promise<ResolvedBaseline> {
    const profile = this.parse(text);
    const name = profile.name?.value ?? basename(path);
    const version = profile.version?.value;
    const where = source === 'store' ? 'store' : source === 'git' ? 'git HEAD' : basename(path);
    return {
      info: { uri, choice, source, label: `${name}${version ? ` ${version}` : ''} (${where})`, detail: path },
      text,
      profile,
    };
  }

  /** Baselines are shared by documents and stable across edits; parse each text once. */
  private parse(text: string): ProfileModel {
    let model = this.parsed.get(text);
    if (!model) {
      model = parseProfile(text, this.limits());
      if (this.parsed.size >= 8) this.parsed.delete(this.parsed.keys().next().value as string);
      this.parsed.set(text, model);
    }
    return model;
  }
}

function none(uri: string, choice: BaselineChoice, problem?: string): BaselineInfo {
  return { uri, choice, source: 'none', label: 'no baseline', detail: problem ?? 'Nothing to compare with: predictions are off for this file.', problem };
}

function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The file as committed at HEAD, or undefined outside a repository, for an untracked file, or when git is missing or slow. */
function gitHead(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dirname(path), 'show', `HEAD:./${basename(path)}`], { timeout: gitTimeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}
