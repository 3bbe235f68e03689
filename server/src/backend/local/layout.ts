// Where each thing lives in the local store folder, and the names it accepts (nothing that could leave the folder).
import { join } from 'node:path';
import { BackendError } from '../types';

/**
 * The layout. Only `profiles/<name>/<version>.yaml` and `clusters/<name>.yaml` look like profiles and
 * cluster records to the language server's workspace index; the rest sits in folders it ignores:
 * - `meta/<name>/<version>.json`: revision, publish time, edited description and tags;
 * - `revisions/<name>/<version>/<revision>.yaml`: a version's content before each in-place update;
 * - `history/<cluster>.jsonl`: one apply record per line, append-only;
 * - `.lock`: held by the one process writing the store (pid, host, time).
 */
export class StoreLayout {
  constructor(readonly root: string) {}

  profilesDir(): string {
    return join(this.root, 'profiles');
  }
  profileDir(name: string): string {
    return join(this.root, 'profiles', checkName(name, 'profile name'));
  }
  versionFile(name: string, version: string): string {
    return join(this.profileDir(name), `${checkVersionName(version)}.yaml`);
  }
  metaFile(name: string, version: string): string {
    return join(this.root, 'meta', checkName(name, 'profile name'), `${checkVersionName(version)}.json`);
  }
  revisionFile(name: string, version: string, revision: number): string {
    return join(this.root, 'revisions', checkName(name, 'profile name'), checkVersionName(version), `${revision}.yaml`);
  }
  clustersDir(): string {
    return join(this.root, 'clusters');
  }
  clusterFile(name: string): string {
    return join(this.clustersDir(), `${checkName(name, 'cluster name')}.yaml`);
  }
  lockFile(): string {
    return join(this.root, '.lock');
  }
  historyFile(cluster: string): string {
    return join(this.root, 'history', `${checkName(cluster, 'cluster name')}.jsonl`);
  }
}

// Palette names are lowercase DNS-like; the store also takes capitals and underscores but never a path.
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isValidName(name: string): boolean {
  return namePattern.test(name) && !name.includes('..');
}

export function checkName(name: string, what: string): string {
  if (typeof name !== 'string' || !isValidName(name)) {
    throw new BackendError('invalid', `"${String(name)}" is not a valid ${what}: use letters, digits, '.', '-' and '_' (no slashes, no "..").`);
  }
  return name;
}

/** Versions are checked for strict semver by publish; here only that they are safe as file names. */
export function checkVersionName(version: string): string {
  if (typeof version !== 'string' || !/^[0-9A-Za-z][0-9A-Za-z.+-]{0,127}$/.test(version) || version.includes('..')) {
    throw new BackendError('invalid', `"${String(version)}" is not a valid version: use strict semver like 1.2.3.`);
  }
  return version;
}
