// Open documents with their kind and their analysis, computed once per document version.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from './core/analyze';
import { fileKindOf } from './core/fileKind';
import type { ProfileModel } from './core/parse/profile';
import { changedRegion } from './core/parse/reparse';
import type { SyntaxLimits } from './core/syntax';
import type { FileKind } from './core/types';
import type { PackFolder, PackSiblings } from './core/validate';

interface Cached {
  version: number;
  generation: number;
  analysis: Analysis;
  /** Set once an edit on top of this analysis has been prepared for. */
  prepared?: boolean;
}

/**
 * Each version is its own immutable document: `TextDocument.update` changes a document in place, so a
 * handler that awaited (a file read, the baseline) would convert its offsets against newer text than the
 * one it analysed. Updating a copy leaves every document a request holds exactly as it was asked for.
 */
const snapshots = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    return TextDocument.update(TextDocument.create(document.uri, document.languageId, document.version, document.getText()), changes, version);
  },
};

export class DocumentStore {
  readonly documents = new TextDocuments(snapshots);
  private readonly cache = new Map<string, Cached>();
  private readonly siblings = new Map<string, PackSiblings>();
  /** Kinds decided by name and content, per document version (content sniffing runs on every JSON and YAML file a client sends). */
  private readonly kinds = new Map<string, { version: number; generation: number; kind: FileKind }>();
  private packFolders?: ReadonlyMap<string, PackFolder>;
  /** Bumped when what analyses depend on besides the text (pack folders, siblings, limits) changes. */
  private generation = 0;

  constructor(readonly limits: () => SyntaxLimits) {
    this.documents.onDidClose((event) => {
      this.cache.delete(event.document.uri);
      this.siblings.delete(event.document.uri);
      this.kinds.delete(event.document.uri);
    });
  }

  kindOf(document: TextDocument): FileKind {
    // The language id is the user's word (an untitled profile has no file name to go by); the client
    // marks pack YAML files once it has checked that their folder holds a pack.json.
    if (document.languageId === 'palette-profile') return 'profile';
    if (document.languageId === 'palette-pack-json') return 'pack-json';
    const cached = this.kinds.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.kind;
    // Other clients (Neovim, Helix) and VS Code's own `json`/`yaml` say only the format: the name, the
    // folder on disk and the content decide, as they do in the CLI.
    const hasPackJson = document.languageId === 'palette-pack-yaml' || packJsonBeside(document.uri);
    const kind = fileKindOf(pathOf(document.uri), hasPackJson, document.getText());
    this.kinds.set(document.uri, { version: document.version, generation: this.generation, kind });
    return kind;
  }

  /** Pack folders of the workspace by name; profiles' values are checked against their schema.yaml. */
  setPackFolders(folders: ReadonlyMap<string, PackFolder>): void {
    this.packFolders = folders;
    this.invalidate();
  }

  invalidate(): void {
    this.generation++;
  }

  /** Reads a pack file's siblings (values.yaml, schema.yaml, pack.json) and its folder's listing, preferring open editors. */
  async loadSiblings(document: TextDocument): Promise<void> {
    if (!this.kindOf(document).startsWith('pack-') || !document.uri.startsWith('file:')) return;
    const folder = dirname(fileURLToPath(document.uri));
    const read = async (name: string) => {
      const open = this.documents.all().find((d) => d.uri.startsWith('file:') && fileURLToPath(d.uri) === join(folder, name));
      return open ? open.getText() : readFile(join(folder, name), 'utf8').catch(() => undefined);
    };
    // The folder's listing: pack.json reports a missing logo.png or README.md.
    const folderFiles = await readdir(folder, { withFileTypes: true }).then((entries) => entries.filter((e) => e.isFile()).map((e) => e.name).sort(), () => undefined);
    const next: PackSiblings = { valuesText: await read('values.yaml'), schemaText: await read('schema.yaml'), packJsonText: await read('pack.json'), folderFiles };
    const previous = this.siblings.get(document.uri);
    const same = previous && (['valuesText', 'schemaText', 'packJsonText'] as const).every((k) => previous[k] === next[k]) && previous.folderFiles?.join('/') === next.folderFiles?.join('/');
    if (!same) {
      this.siblings.set(document.uri, next);
      this.cache.delete(document.uri);
    }
  }

  /**
   * While an edit waits for its analysis, parses what that analysis will build on: the values of the
   * pack being edited, as the last analysis and the baseline have them. Values are parsed on first
   * read, and most never are; the first keystroke in a pack would otherwise wait for both parses.
   */
  prepareEdit(document: TextDocument, baseline: ProfileModel | undefined): void {
    const cached = this.cache.get(document.uri);
    const model = cached?.generation === this.generation ? cached.analysis.profile : undefined;
    if (!model || !cached || cached.version === document.version || cached.prepared) return;
    // The first keystroke on top of an analysis tells which pack is being edited; the next ones add nothing.
    cached.prepared = true;
    const region = changedRegion(model.text, document.getText());
    if (!region) return;
    const pack = model.packs.find((p) => p.values && p.values.start <= region.start && region.oldEnd <= p.values.end);
    if (!pack?.values) return;
    void pack.values.docs;
    const name = pack.name?.value;
    const before = name === undefined ? undefined : baseline?.packs.find((p) => p.name?.value === name && p.layer?.value === pack.layer?.value);
    if (before?.values) void (before.values.docs, before.values.exact);
  }

  analyze(document: TextDocument): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.analysis;
    const analysis = analyzeText(this.kindOf(document), document.getText(), {
      limits: this.limits(),
      siblings: this.siblings.get(document.uri),
      packFolders: this.packFolders,
      // Typing inside a pack's values then re-parses that pack alone.
      previous: cached?.generation === this.generation ? cached.analysis.profile : undefined,
    });
    this.cache.set(document.uri, { version: document.version, generation: this.generation, analysis });
    return analysis;
  }
}

/** The URI's path for its file name; a malformed escape (`%E0%A4%A`) is read as it is rather than thrown. */
function pathOf(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

const packYamlName = /\/(values|schema|presets)\.yaml$/;

/** Whether a pack YAML file's folder holds a pack.json; only asked for those names, so other files cost no disk access. */
function packJsonBeside(uri: string): boolean {
  if (!uri.startsWith('file:') || !packYamlName.test(uri)) return false;
  try {
    return existsSync(join(dirname(fileURLToPath(uri)), 'pack.json'));
  } catch {
    return false;
  }
}
