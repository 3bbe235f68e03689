// One benchmark run against one language server: open, typing, hovers, completions and inlay hints on a large profile.
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BenchClient, type Published, type StartOptions } from './lspClient';

export interface Subject {
  name: string;
  start: StartOptions;
  languageId: string;
  /** Whether the server says which document version its diagnostics are for. */
  versioned: boolean;
  inlayHints: boolean;
}

export interface RunOptions {
  uri: string;
  text: string;
  edits: number;
  /** Milliseconds between two of the quick edits. */
  gapMs: number;
  /** Requests per kind at rest and right after an edit. */
  samples: number;
  /** The add-on pack to type into; by default the first one past the middle of the file. */
  pack?: string;
  /** Writes the diagnostics published at open and for the final version of the quick edits to this file. */
  dump?: string;
}

/** Per-run figures; arrays hold one value per sample. */
export interface RunResult {
  initMs: number;
  openMs: number;
  openDiagnostics: number;
  settleMs: number;
  /** Diagnostics for an older version published after those of the final version. */
  staleAfterFinal: number;
  /** Unversioned servers: publications after the first one that followed the last edit. */
  laterPublications: number;
  hover: number[];
  hoverAfterEdit: number[];
  completion: number[];
  completionAfterEdit: number[];
  inlayHints: number[];
  inlayHintsAfterEdit: number[];
  hintCount: number;
  peakRssMiB?: number;
}

/** The document as the client holds it; positions come from the same text-document module the server uses. */
class Doc {
  private document: TextDocument;
  constructor(text: string) {
    this.document = TextDocument.create('bench:doc', 'yaml', 1, text);
  }
  get text(): string {
    return this.document.getText();
  }
  get version(): number {
    return this.document.version;
  }
  pos(offset: number): Position {
    return this.document.positionAt(offset);
  }
  insert(offset: number, s: string): TextDocumentContentChangeEvent {
    const at = this.pos(offset);
    const change = { range: { start: at, end: at }, text: s };
    this.document = TextDocument.update(this.document, [change], this.document.version + 1);
    return change;
  }
}

/** Where the run types and asks: one add-on pack, by default in the middle of the file. */
function anchors(text: string, pack?: string) {
  const from = pack ? text.indexOf(`\n      - name: ${pack}\n`) : Math.floor(text.length / 2);
  const tag = from < 0 ? -1 : text.indexOf('/component-3:v1.3"', from);
  if (tag < 0) throw new Error('generated profile has no anchor to edit');
  const typeAt = tag + '/component-3:v1.3'.length;
  const innerKey = text.indexOf('replicas:', typeAt) + 2;
  const packStart = text.lastIndexOf('\n      - name: ', tag);
  const outerKey = text.indexOf('tag:', packStart) + 1;
  return { typeAt, innerKey, outerKey };
}

/** The pack the run types into and how many lines it spans: re-checking it is the cost of each edit. */
export function editedPack(text: string, pack?: string): string {
  const tag = anchors(text, pack).typeAt;
  const start = text.lastIndexOf('\n      - name: ', tag) + 1;
  const next = text.indexOf('\n      - name: ', tag);
  const end = next < 0 ? text.length : next;
  const name = text.slice(start, text.indexOf('\n', start)).replace('      - name: ', '');
  return `${name} (${text.slice(start, end).split('\n').length} lines)`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

export async function runOnce(subject: Subject, options: RunOptions): Promise<RunResult> {
  const { client, initMs } = await BenchClient.start(subject.start);
  try {
    return await scenario(client, initMs, subject, options);
  } finally {
    await client.stop();
  }
}

async function scenario(client: BenchClient, initMs: number, subject: Subject, options: RunOptions): Promise<RunResult> {
  const { uri } = options;
  await client.settingsPulled();
  // Let start-up work (workspace scans, schema loading) finish before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const doc = new Doc(options.text);
  // Typing inserts at typeAt; the inner key lies after it and moves along, the outer key lies before it.
  const start = anchors(doc.text, options.pack);
  let typeAt = start.typeAt;
  const innerKey = () => start.innerKey + (typeAt - start.typeAt);
  const outerKey = start.outerKey;
  const forVersion = (version: number) => (p: Published) => p.uri === uri && (!subject.versioned || p.version === version);

  const opened = performance.now();
  let mark = client.published.length;
  await client.open(uri, subject.languageId, doc.text);
  const first = await client.waitFor(mark, forVersion(1));
  const result: RunResult = {
    initMs,
    openMs: first.at - opened,
    openDiagnostics: first.count,
    settleMs: NaN,
    staleAfterFinal: 0,
    laterPublications: 0,
    hover: [],
    hoverAfterEdit: [],
    completion: [],
    completionAfterEdit: [],
    inlayHints: [],
    inlayHintsAfterEdit: [],
    hintCount: 0,
  };

  const textDocument = { uri };
  const at = (offset: number) => ({ textDocument, position: doc.pos(offset) });
  const screen = () => {
    const line = doc.pos(typeAt).line;
    return { textDocument, range: { start: { line: Math.max(0, line - 30), character: 0 }, end: { line: line + 30, character: 0 } } };
  };
  /** One keystroke, then waits until the server has published for it, so the next sample starts at rest. */
  const type = async (ask: () => Promise<number>): Promise<number> => {
    const from = client.published.length;
    const change = doc.insert(typeAt++, 'x');
    await client.change(uri, doc.version, [change]);
    const ms = await ask();
    await client.waitFor(from, forVersion(doc.version));
    return ms;
  };

  // The quick edits: typing into one value of one pack, faster than either server's debounce.
  mark = client.published.length;
  let lastSent = 0;
  for (let i = 0; i < options.edits; i++) {
    const change = doc.insert(typeAt++, String.fromCharCode(97 + (i % 26)));
    await client.change(uri, doc.version, [change]);
    lastSent = performance.now();
    if (options.gapMs > 0 && i < options.edits - 1) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
  }
  const finalVersion = doc.version;
  const afterEdits = client.published.length;
  const final = await client.waitFor(subject.versioned ? mark : afterEdits, forVersion(finalVersion));
  result.settleMs = final.at - lastSent;
  if (options.dump) writeFileSync(options.dump, JSON.stringify({ open: first.diagnostics, final: final.diagnostics }, null, 1));
  // Anything an older version publishes late would arrive within a few debounce periods.
  await new Promise((resolve) => setTimeout(resolve, Math.max(500, 2 * result.settleMs)));
  const later = client.published.slice(client.published.indexOf(final) + 1).filter((p) => p.uri === uri);
  result.staleAfterFinal = later.filter((p) => p.version !== undefined && p.version < finalVersion).length;
  result.laterPublications = later.length;

  for (let i = 0; i < options.samples; i++) {
    result.hover.push((await client.timed('textDocument/hover', at(i % 2 ? outerKey : innerKey()))).ms);
    result.completion.push((await client.timed('textDocument/completion', at(innerKey()))).ms);
    if (subject.inlayHints) {
      const hints = await client.timed<unknown[] | null>('textDocument/inlayHint', screen());
      result.inlayHints.push(hints.ms);
      result.hintCount = hints.result?.length ?? 0;
    }
  }
  for (let i = 0; i < options.samples; i++) {
    result.hoverAfterEdit.push(await type(async () => (await client.timed('textDocument/hover', at(i % 2 ? outerKey : innerKey()))).ms));
    result.completionAfterEdit.push(await type(async () => (await client.timed('textDocument/completion', at(innerKey()))).ms));
    if (subject.inlayHints) result.inlayHintsAfterEdit.push(await type(async () => (await client.timed('textDocument/inlayHint', screen())).ms));
  }
  result.peakRssMiB = client.peakRssMiB();
  return result;
}

export { median };
