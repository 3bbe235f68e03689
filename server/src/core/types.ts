// Shared shapes of the pure core: offset spans and problems, independent of LSP positions.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A half-open range [start, end) of UTF-16 offsets into the outer document text. */
export interface Span {
  start: number;
  end: number;
}

export interface Problem extends Span {
  severity: Severity;
  /** A stable code such as `yaml-syntax` or `k8s-downgrade`; the README documents each. */
  code: string;
  message: string;
}

/** What kind of file a document is, decided by its name and its folder. */
export type FileKind = 'profile' | 'pack-json' | 'pack-values' | 'pack-schema' | 'pack-presets' | 'unknown';
