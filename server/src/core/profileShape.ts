// Tells a cluster profile by its content (Palette's import/export shape), whatever the file is called.
//
// The shape is swagger's v1ClusterProfileImportEntity: `metadata` and `spec.template.packs` (see the
// README's "exchange format"). Palette exports JSON by default and YAML on request, under names such as
// `edge-retail.json`. The check runs on every JSON and YAML document an editor sends, so it is lexical
// first and bounded: a Kubernetes manifest or a Helm chart's values.yaml costs one or two regex scans.

/** Whether `text` is a profile in Palette's import/export shape, as JSON or block YAML. */
export function looksLikeProfile(text: string): boolean {
  const start = firstSignificant(text);
  return text[start] === '{' ? looksLikeJsonProfile(text) : looksLikeYamlProfile(text);
}

function firstSignificant(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

const jsonKeys = [/"metadata"\s*:/, /"spec"\s*:/, /"template"\s*:/, /"packs"\s*:/];

function looksLikeJsonProfile(text: string): boolean {
  if (!jsonKeys.every((key) => key.test(text))) return false;
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Half-typed: the keys are there, so it stays a profile and its syntax error is shown, not dropped.
    return true;
  }
  return hasProfileShape(value);
}

/** `metadata` a map and `spec.template.packs` a list, as the import entity has them. */
export function hasProfileShape(value: unknown): boolean {
  const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!object(value) || !object(value.metadata) || !object(value.spec)) return false;
  const template = value.spec.template;
  return object(template) && Array.isArray(template.packs);
}

/**
 * Block YAML as Palette writes it: top-level `metadata:` and `spec:`, and under `spec` a `template:`
 * holding `packs:`. Read line by line by indentation, so a document with a syntax error further down
 * is still recognised (and gets its syntax error shown).
 */
function looksLikeYamlProfile(text: string): boolean {
  if (!/^metadata[ \t]*:/m.test(text) || !/^spec[ \t]*:/m.test(text)) return false;
  let inSpec = false;
  let templateIndent = -1;
  let childIndent = -1;
  for (const match of text.matchAll(/^([ \t]*)([^\s#-][^:\n]*?)[ \t]*:(?:[ \t]|$)/gm)) {
    const indent = match[1].length;
    const key = match[2].replace(/^(["'])(.*)\1$/, '$2');
    if (indent === 0) {
      inSpec = key === 'spec';
      templateIndent = childIndent = -1;
      continue;
    }
    if (!inSpec) continue;
    if (childIndent < 0) childIndent = indent;
    if (indent === childIndent) {
      templateIndent = key === 'template' ? indent : -1;
      continue;
    }
    if (templateIndent >= 0 && indent > templateIndent && key === 'packs') return true;
  }
  return false;
}
