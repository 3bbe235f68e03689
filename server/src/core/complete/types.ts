// What a completion offers, in core terms: offsets and plain strings, turned into LSP items by the server.
import type { Span } from '../types';

export type CandidateKind = 'key' | 'value' | 'enum' | 'pack' | 'version' | 'variable' | 'macro' | 'path' | 'namespace';

export interface Candidate {
  label: string;
  kind: CandidateKind;
  /** One line shown next to the label: a type, a version, where the candidate comes from. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text written over `replace`; the label when absent. */
  insertText?: string;
  /** Outer offsets of the text the candidate replaces (the word typed so far and the rest of it). */
  replace: Span;
  /** Orders candidates where the label order would not (versions newest first). */
  sortText?: string;
  /** Text the client filters on, when it differs from the label. */
  filterText?: string;
  /** Asks the editor to suggest again once inserted (a key whose value has its own suggestions). */
  retrigger?: boolean;
  preselect?: boolean;
}

/** A pack folder of the workspace, as far as completions need it. */
export interface PackFolderInfo {
  name: string;
  version?: string;
  /** The folder's path, shown to tell apart folders of the same pack. */
  path?: string;
}
