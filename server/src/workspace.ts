// What the workspace holds that the server compares with: profile files, the local store's versions and clusters, pack folders.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileHeader } from './core/baseline/header';
import type { BaselineCandidate } from './core/baseline/pick';
import { parsePackSchema, parsePackValues } from './core/parse/packFiles';
import { compareTags, parseTag } from './core/plan/semver';
import type { PackFolder } from './core/validate';

export interface PackFolderEntry {
  name: string;
  version?: string;
  path: string;
}

export interface ClusterEntry {
  name: string;
  path: string;
}

interface Index {
  profiles: BaselineCandidate[];
  clusters: ClusterEntry[];
  packs: PackFolderEntry[];
}

const packFiles = new Set(['pack.json', 'values.yaml', 'schema.yaml', 'presets.yaml']);
const skipped = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist', '.hg', '.svn']);
/** A workspace can be a home folder; the scan stops here rather than stall the server. */
const maxEntries = 20_000;
const maxProfileBytes = 64 * 1024 * 1024;

export class WorkspaceIndex {
  private index?: Promise<Index>;
  private readonly packCache = new Map<string, { key: string; folder: PackFolder }>();

  constructor(
    private readonly roots: () => readonly string[],
    private readonly storePath: () => string,
  ) {}

  /** Forgets what was read; the next question rescans (file watcher events call this). */
  invalidate(): void {
    this.index = undefined;
  }

  /** Whether a file is one the index or a baseline reads: a profile, a pack file, or anything in a store. */
  reads(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    const path = fileURLToPath(uri);
    if (this.storeRoots().some((store) => path.startsWith(store + sep))) return true;
    return /\.profile\.ya?ml$/i.test(path) || packFiles.has(basename(path));
  }

  storeRoots(): string[] {
    return this.roots().map((root) => join(root, this.storePath()));
  }

  async profiles(): Promise<BaselineCandidate[]> {
    return (await this.load()).profiles;
  }

  async clusters(): Promise<ClusterEntry[]> {
    return (await this.load()).clusters;
  }

  async packs(): Promise<PackFolderEntry[]> {
    return (await this.load()).packs;
  }

  /** Pack folders by pack name, the newest version of each, with their values and schema read. */
  async packFolders(): Promise<Map<string, PackFolder>> {
    const byName = new Map<string, PackFolder>();
    for (const entry of await this.packs()) {
      if (byName.has(entry.name)) continue;
      byName.set(entry.name, { ...(await this.packFolder(entry.path)), version: entry.version });
    }
    return byName;
  }

  /** One pack folder's values and schema, read again only when their files change. */
  async packFolder(path: string): Promise<PackFolder> {
    const mtime = await Promise.all(['values.yaml', 'schema.yaml'].map((f) => stat(join(path, f)).then((s) => s.mtimeMs, () => 0)));
    const key = mtime.join('/');
    const cached = this.packCache.get(path);
    if (cached && cached.key === key) return cached.folder;
    const values = await readFile(join(path, 'values.yaml'), 'utf8').catch(() => undefined);
    const schema = await readFile(join(path, 'schema.yaml'), 'utf8').catch(() => undefined);
    const folder: PackFolder = {
      values: values === undefined ? undefined : parsePackValues(values).tree,
      constraints: schema === undefined ? undefined : parsePackSchema(schema).constraints,
    };
    this.packCache.set(path, { key, folder });
    return folder;
  }

  private load(): Promise<Index> {
    return (this.index ??= this.scan().catch(() => ({ profiles: [], clusters: [], packs: [] })));
  }

  private async scan(): Promise<Index> {
    const index: Index = { profiles: [], clusters: [], packs: [] };
    const store = this.storePath();
    for (const root of this.roots()) {
      const files = await walk(root, store);
      const storeDir = join(root, store);
      for (const file of files) {
        const inStore = file.startsWith(storeDir + sep);
        const rel = inStore ? relative(storeDir, file).split(sep) : [];
        if (inStore && rel.length === 3 && rel[0] === 'profiles' && /\.ya?ml$/.test(rel[2])) {
          index.profiles.push({ source: 'store', name: rel[1], version: rel[2].replace(/\.ya?ml$/, ''), location: file });
        } else if (inStore && rel.length === 2 && rel[0] === 'clusters' && /\.ya?ml$/.test(rel[1])) {
          index.clusters.push({ name: rel[1].replace(/\.ya?ml$/, ''), path: file });
        } else if (!inStore && /\.profile\.ya?ml$/i.test(file)) {
          const header = await readHeader(file);
          if (header.name) index.profiles.push({ source: 'workspace', name: header.name, version: header.version ?? '', location: file });
        } else if (!inStore && basename(file) === 'pack.json') {
          const pack = await readPackJson(file);
          if (pack) index.packs.push({ ...pack, path: dirname(file) });
        }
      }
    }
    // By name, then newest version first; tags that do not read as versions go last.
    index.packs.sort((a, b) => (a.name === b.name ? newestFirst(a.version, b.version) : a.name < b.name ? -1 : 1));
    return index;
  }
}

async function walk(root: string, store: string): Promise<string[]> {
  const files: string[] = [];
  const queue = [root];
  let seen = 0;
  while (queue.length > 0 && seen < maxEntries) {
    const dir = queue.shift()!;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++seen > maxEntries) break;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // Dot folders are tool state, except the store, which may be a dot folder itself.
        const isStore = relative(root, path) === store;
        if (isStore || (!skipped.has(entry.name) && !entry.name.startsWith('.'))) queue.push(path);
      } else if (entry.isFile()) files.push(path);
    }
  }
  return files;
}

async function readHeader(file: string): Promise<{ name?: string; version?: string }> {
  try {
    if ((await stat(file)).size > maxProfileBytes) return {};
    return profileHeader(await readFile(file, 'utf8'));
  } catch {
    return {};
  }
}

async function readPackJson(file: string): Promise<{ name: string; version?: string } | undefined> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { name?: unknown; version?: unknown };
    return typeof json.name === 'string' ? { name: json.name, version: typeof json.version === 'string' ? json.version : undefined } : undefined;
  } catch {
    return undefined;
  }
}

function newestFirst(a = '', b = ''): number {
  const order = compareTags(a, b);
  if (order !== undefined) return -order;
  return Number(parseTag(a) === undefined) - Number(parseTag(b) === undefined) || a.localeCompare(b);
}
