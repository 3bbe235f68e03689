// Open documents with their kind and their analysis, computed once per document version.
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from './core/analyze';
import { fileKindOf } from './core/fileKind';
import type { SyntaxLimits } from './core/syntax';
import type { FileKind } from './core/types';

interface Cached {
  version: number;
  analysis: Analysis;
}

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly limits: () => SyntaxLimits) {
    this.documents.onDidClose((event) => this.cache.delete(event.document.uri));
  }

  kindOf(document: TextDocument): FileKind {
    // The language id is the user's word (an untitled profile has no file name to go by); the client
    // marks pack YAML files once it has checked that their folder holds a pack.json.
    if (document.languageId === 'palette-profile') return 'profile';
    if (document.languageId === 'palette-pack-json') return 'pack-json';
    return fileKindOf(decodeURIComponent(document.uri), document.languageId === 'palette-pack-yaml');
  }

  analyze(document: TextDocument): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const analysis = analyzeText(this.kindOf(document), document.getText(), { limits: this.limits() });
    this.cache.set(document.uri, { version: document.version, analysis });
    return analysis;
  }
}
