// Runs the profile schema over the outer document and the Edge values schemas over each layer's embedded values.
import type { Document } from 'yaml';
import type { ProfileModel } from '../parse/profile';
import { defaultSyntaxLimits } from '../syntax';
import type { Problem } from '../types';
import { schemaProblems } from './check';
import { valuesSchemaFor } from './valuesSchema';

/** Plain data of a clean document; undefined when it has syntax errors (their own problems say so) or too many aliases. */
export function plainData(doc: Document | undefined): { data: unknown } | undefined {
  if (!doc || doc.errors.length > 0) return undefined;
  // An unquoted `{{ x }}` is a map used as a key; yaml would print a process warning on every
  // keystroke. The document may be a shared cached parse, so its option is put back afterwards.
  const level = doc.options.logLevel;
  try {
    doc.options.logLevel = 'error';
    return { data: doc.toJS({ maxAliasCount: defaultSyntaxLimits.maxAliasCount }) };
  } catch {
    return undefined;
  } finally {
    doc.options.logLevel = level;
  }
}

export function outerSchemaProblems(model: ProfileModel): Problem[] {
  const plain = plainData(model.doc);
  if (!plain) return [];
  return schemaProblems('profile', plain.data, {
    doc: model.doc,
    text: model.text,
    // A values field that is not a string is values-not-string's to report; an empty one is harmless.
    skip: (e) => /^\/spec\/template\/packs\/\d+\/values$/.test(e.instancePath) && e.keyword === 'type',
  });
}

export function valuesSchemaProblems(model: ProfileModel): Problem[] {
  const problems: Problem[] = [];
  const cloudType = model.cloudType?.type === 'string' ? model.cloudType.value : undefined;
  for (const pack of model.packs) {
    const values = pack.values;
    const schema = valuesSchemaFor(pack.name?.value, pack.layer?.value, cloudType);
    if (!values || !schema) continue;
    const plain = plainData(values.doc);
    if (!plain) continue;
    problems.push(...schemaProblems(schema, plain.data, { doc: values.doc, text: values.text, toOuter: values.toOuterSpan }));
  }
  return problems;
}
