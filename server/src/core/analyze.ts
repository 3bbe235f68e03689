// One entry point from a file's text to everything the product reports about it.
import type { Document } from 'yaml';
import { parseProfile, type ProfileModel } from './parse/profile';
import { parseYamlDoc, tooLargeProblem } from './parse/yamlProblems';
import type { SyntaxLimits } from './syntax';
import type { FileKind, Problem } from './types';
import { validatePackFile, validateProfile, type PackFolder, type PackSiblings } from './validate';

export interface AnalyzeOptions {
  limits: SyntaxLimits;
  /** For pack files: the texts of the other files of the same pack folder. */
  siblings?: PackSiblings;
  /** For profiles: pack folders of the workspace by pack name, to check values against their schema.yaml. */
  packFolders?: ReadonlyMap<string, PackFolder>;
  /** For profiles: the model of an earlier version of the same document, parsed with the same limits, to reuse. */
  previous?: ProfileModel;
}

export interface Analysis {
  kind: FileKind;
  profile?: ProfileModel;
  /** The outer YAML (or JSON) document, for hovers and navigation. */
  doc?: Document.Parsed;
  /** For profiles, validated on first read: hovers and completions need the model only. */
  problems: Problem[];
}

export function analyzeText(kind: FileKind, text: string, options: AnalyzeOptions): Analysis {
  const tooLarge = tooLargeProblem(text.length, options.limits, 'file-too-large', 'This file');
  if (tooLarge) return { kind, problems: [tooLarge] };
  if (kind === 'profile' || kind === 'unknown') {
    const profile = parseProfile(text, options.limits, { previous: options.previous });
    let problems: Problem[] | undefined;
    return {
      kind,
      profile,
      doc: profile.doc,
      get problems() {
        return (problems ??= sortProblems([...profile.problems, ...validateProfile(profile, { packFolders: options.packFolders })]));
      },
      set problems(value: Problem[]) {
        problems = value;
      },
    };
  }
  // Only hovers need the pack file's own document; parse it for them, not on every version.
  let doc: Document.Parsed | undefined;
  return {
    kind,
    get doc() {
      return (doc ??= parseYamlDoc(text));
    },
    problems: validatePackFile(kind, text, options.siblings),
  };
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}
