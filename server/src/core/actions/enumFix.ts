// Reads the allowed values out of an enum diagnostic and writes one of them over the offending value.
import type { ProfileModel } from '../parse/profile';
import { parseYamlDoc } from '../parse/yamlProblems';
import type { Span } from '../types';
import { suggest } from '../validate/suggest';
import { applyEdits, scalarText, type OffsetEdit } from './edits';
import { replaceSpan } from './sites';

export interface EnumChoices {
  choices: string[];
  /** The likely intended value: the diagnostic's own "did you mean", else the closest choice. */
  suggested?: string;
}

/**
 * The wordings validate/messages.ts and validate/constraints.ts give enum problems:
 * `...: expected one of a, b`, `... must be one of a, b, or a template`, and a list format
 * `(schema.yaml: format "${list:[A,B]}")`.
 */
export function enumChoices(code: string, message: string, current: string): EnumChoices | undefined {
  let choices: string[] | undefined;
  if (code === 'constraint-format') {
    const list = /format "\$\{list:\[(.*)\]\}"\)$/.exec(message);
    choices = list?.[1].split(',').map((s) => s.trim());
  } else if (code === 'schema') {
    const expected = /: expected one of (.+)$/.exec(message);
    const oneOf = /\bmust be (?:.*?, or )?one of (.+?)(?:, or |\s\(did you mean|$)/.exec(message);
    choices = (expected?.[1] ?? oneOf?.[1])?.split(', ');
  }
  choices = choices?.filter((c) => c !== '' && c !== current);
  if (!choices || choices.length === 0) return undefined;
  const hinted = /\(did you mean '([^']*)'\?\)/.exec(message)?.[1];
  const suggested = hinted !== undefined && choices.includes(hinted) ? hinted : suggest(current, choices);
  return { choices, suggested };
}

/** For a profile, checks the edit reads back (embedded values included); for a pack file, that it still parses. */
export function enumEdit(text: string, model: ProfileModel | undefined, span: Span, value: string, json = false): OffsetEdit | undefined {
  const like = text.slice(span.start, span.end);
  if (json) return { ...span, newText: like.startsWith('"') ? JSON.stringify(value) : value };
  const newText = scalarText(value, like);
  if (model) return replaceSpan(model, span, newText);
  const edit = { ...span, newText };
  return parseYamlDoc(applyEdits(text, [edit])).errors.length <= parseYamlDoc(text).errors.length ? edit : undefined;
}
