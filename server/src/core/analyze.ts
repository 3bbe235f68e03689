// One entry point from a file's text to everything the product reports about it.
import { parseJson, parseYaml, type SyntaxLimits, type YamlParse } from './syntax';
import type { FileKind, Problem } from './types';

export interface Analysis {
  kind: FileKind;
  yaml?: YamlParse;
  json?: unknown;
  problems: Problem[];
}

export function analyzeText(kind: FileKind, text: string, limits: SyntaxLimits): Analysis {
  if (kind === 'pack-json') {
    const parsed = parseJson(text, limits);
    return { kind, json: parsed.value, problems: parsed.problems };
  }
  const yaml = parseYaml(text, limits);
  return { kind, yaml, problems: yaml.problems };
}
