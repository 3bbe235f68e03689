// Reads a profile's name and version without parsing the file, so a workspace of large profiles indexes quickly.

export interface ProfileHeader {
  name?: string;
  version?: string;
}

/**
 * Scans top-level `metadata:` and `spec:` blocks for their direct `name:` and `version:` children.
 * A profile that does not follow the export layout (flow maps, anchors) yields nothing, and the
 * caller falls back to a full parse.
 */
export function profileHeader(text: string): ProfileHeader {
  const header: ProfileHeader = {};
  let section: string | undefined;
  let childIndent: number | undefined;
  let offset = 0;
  while (offset < text.length && (header.name === undefined || header.version === undefined)) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const line = text.slice(offset, end).replace(/\r$/, '');
    offset = end + 1;
    if (/^\s*(#|$)/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      const top = /^([A-Za-z]+):\s*(#.*)?$/.exec(line);
      section = top?.[1];
      childIndent = undefined;
      continue;
    }
    if (section !== 'metadata' && section !== 'spec') continue;
    childIndent ??= indent;
    if (indent !== childIndent) continue;
    const pair = /^\s*([A-Za-z]+):\s*(.*?)\s*$/.exec(line);
    if (!pair) continue;
    const value = scalar(pair[2]);
    if (section === 'metadata' && pair[1] === 'name' && value !== undefined) header.name = value;
    if (section === 'spec' && pair[1] === 'version' && value !== undefined) header.version = value;
  }
  return header;
}

function scalar(raw: string): string | undefined {
  const text = raw.replace(/\s+#.*$/, '');
  if (text === '' || /^[|>&*!{[]/.test(text)) return undefined;
  const quoted = /^(["'])(.*)\1$/.exec(text);
  return quoted ? quoted[2] : text;
}
