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

const [space, tab, cr, hash, dash] = [' ', '\t', '\r', '#', '-'].map((c) => c.charCodeAt(0));

/**
 * Block YAML as Palette writes it: top-level `metadata:` and `spec:`, and under `spec` a `template:`
 * holding `packs:`. Read line by line by indentation, without a parse, so a document with a syntax
 * error further down is still recognised (and gets its syntax error shown).
 */
function looksLikeYamlProfile(text: string): boolean {
  if (!/^["']?metadata["']?[ \t]*:/m.test(text) || !/^["']?spec["']?[ \t]*:/m.test(text)) return false;
  let inSpec = false;
  let childIndent = -1;
  let templateIndent = -1;
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let at = pos;
    let c = text.charCodeAt(at);
    while (at < end && (c === space || c === tab)) c = text.charCodeAt(++at);
    const indent = at - pos;
    pos = end + 1;
    // Blank lines, comments and list items say nothing about the keys above them.
    if (at === end || c === hash || c === dash || c === cr) continue;
    if (indent === 0) {
      if (!isKeyLine(text, at, end)) continue;
      inSpec = isKey(text, at, 'spec');
      childIndent = templateIndent = -1;
    } else if (inSpec) {
      if (childIndent < 0) childIndent = indent;
      if (indent === childIndent) templateIndent = isKey(text, at, 'template') ? indent : -1;
      else if (templateIndent >= 0 && indent > templateIndent && isKey(text, at, 'packs')) return true;
    }
  }
  return false;
}

/** Whether the line from `at` holds a `key:` (a colon followed by a space or the end of the line). */
function isKeyLine(text: string, at: number, end: number): boolean {
  for (let colon = text.indexOf(':', at); colon >= 0 && colon < end; colon = text.indexOf(':', colon + 1)) {
    if (colon + 1 >= end || /[ \t\r]/.test(text[colon + 1])) return true;
  }
  return false;
}

/** Whether `name` (bare or quoted) is the key at `at`. */
function isKey(text: string, at: number, name: string): boolean {
  const first = text[at];
  if (first !== name[0] && first !== '"' && first !== "'") return false;
  const quote = first === '"' || first === "'" ? first : '';
  let i = at + quote.length;
  if (!text.startsWith(name, i)) return false;
  i += name.length;
  if (quote) {
    if (text[i] !== quote) return false;
    i++;
  }
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':' && (i + 1 >= text.length || /[ \t\r\n]/.test(text[i + 1]));
}
