// Limits every parse honours, so huge files and alias bombs get a clear message instead of a hang.

export interface SyntaxLimits {
  /** Documents larger than this (in UTF-16 code units) are not parsed; one problem says why. */
  maxBytes: number;
  /** Alias expansions beyond this count are refused, which defeats "billion laughs" documents. */
  maxAliasCount: number;
}

export const defaultSyntaxLimits: SyntaxLimits = { maxBytes: 5 * 1024 * 1024, maxAliasCount: 100 };
